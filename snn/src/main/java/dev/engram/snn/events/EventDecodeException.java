package dev.engram.snn.events;

import java.io.IOException;

/**
 * A recording cannot be decoded past some point: a malformed header, an impossible length field, an
 * unsupported variant. The message names the source and the byte offset where decoding stopped;
 * events delivered before the exception are valid.
 */
public class EventDecodeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;

    public EventDecodeException(String source, long offset, String problem) {
        this(source, offset, problem, null);
    }

    public EventDecodeException(String source, long offset, String problem, Throwable cause) {
        super(source + " @ byte " + offset + ": " + problem, cause);
        this.source = source;
        this.offset = offset;
    }

    /** The file name or description of the stream being decoded. */
    public String source() { return source; }

    /** Byte offset in the source where the problem was found, or -1 when not known. */
    public long offset() { return offset; }
}
