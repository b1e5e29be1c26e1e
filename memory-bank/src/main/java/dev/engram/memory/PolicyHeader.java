package dev.engram.memory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** The common prefix of every policy state: format version then the policy's name tag. */
final class PolicyHeader {
    static final int FORMAT_VERSION = 1;

    private PolicyHeader() {}

    static void write(DataOutput out, String name) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(name);
    }

    static String read(DataInput in) throws IOException {
        Codec.requireVersion(in, FORMAT_VERSION, "SelectionPolicy");
        return in.readUTF();
    }

    static void expect(DataInput in, String name) throws IOException {
        String tag = read(in);
        if (!tag.equals(name)) throw new IOException("expected a '" + name + "' policy state but found '" + tag + "'");
    }

    static void requireSize(java.util.List<MemoryEntry> entries, int tracked, String policy) {
        if (entries.size() != tracked) {
            throw new IllegalStateException(policy + " policy tracks " + tracked + " entries but the memory holds "
                    + entries.size() + "; a policy instance must belong to exactly one FrameMemory");
        }
    }
}
