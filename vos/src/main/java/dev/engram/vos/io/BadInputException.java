package dev.engram.vos.io;

/**
 * An input file or byte buffer could not be used: it is corrupt, truncated, of an unsupported
 * format, or its size disagrees with the frame it belongs to. The message always names the input
 * (file path or the caller's name for in-memory bytes) and the cause.
 *
 * <p>Extends {@link IllegalArgumentException} because the bad thing is the argument's content, so
 * callers that already guard against bad arguments also catch it; it is unchecked so stream
 * operators can route it to a side output without wrapping.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
