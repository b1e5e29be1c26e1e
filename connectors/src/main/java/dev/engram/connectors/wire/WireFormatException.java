package dev.engram.connectors.wire;

/** Bytes that are not a record of a wire-format version this build reads; the message says what is wrong and where. */
public class WireFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
