package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The common prefix of every policy state: format version then the policy's name tag. Version 1 is
 * every policy's first format; version 2 (RMSCL with a protected recent share) adds fields to its body.
 */
final class PolicyHeader {
    static final int FORMAT_VERSION = 1;
    static final int NEWEST_VERSION = 2;

    /** A read header: the body's format version and the policy's tag. */
    record Header(int version, String tag) {}

    private PolicyHeader() {}

    static void write(DataOutput out, String name) throws IOException {
        write(out, name, FORMAT_VERSION);
    }

    static void write(DataOutput out, String name, int version) throws IOException {
        out.writeInt(version);
        out.writeUTF(name);
    }

    static Header read(DataInput in) throws IOException {
        int version = Codec.readVersion(in, FORMAT_VERSION, NEWEST_VERSION, "SelectionPolicy");
        return new Header(version, in.readUTF());
    }

    /** Reads the header of policy {@code name} and returns its version. */
    static int expect(DataInput in, String name) throws IOException {
        Header h = read(in);
        if (!h.tag().equals(name)) throw new IOException("expected a '" + name + "' policy state but found '" + h.tag() + "'");
        return h.version();
    }

    /** IOException unless a policy whose only format is the first reads a version-1 body. */
    static void requireFirst(int version, String name) throws IOException {
        if (version != FORMAT_VERSION) throw new IOException("'" + name + "' policy state has format version " + version
                + "; this build writes it only as version " + FORMAT_VERSION);
    }

    static void requireSize(java.util.List<MemoryEntry> entries, int tracked, String policy) {
        if (entries.size() != tracked) {
            throw new IllegalStateException(policy + " policy tracks " + tracked + " entries but the memory holds "
                    + entries.size() + "; a policy instance must belong to exactly one FrameMemory");
        }
    }
}
