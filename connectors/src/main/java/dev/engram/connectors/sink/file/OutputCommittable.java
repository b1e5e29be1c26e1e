package dev.engram.connectors.sink.file;

/**
 * What a writer hands to the committer at a checkpoint: a staged whole file, a staged part of a
 * JSON-lines file (lines {@code first..last} by sequence), or the instruction to assemble a finished
 * JSON-lines file from its parts. {@link #batch} names the writer and checkpoint the committable came
 * from; the committer's log for a batch is written under that name, so a commit retried after a
 * restore rewrites the same log instead of counting twice.
 */
public record OutputCommittable(Type type, String batch, String target, String staged, long first, long last) {
    public enum Type { FILE, PART, FINISH }

    /** The committed name of a part: {@code <target>.d/<first>-<last>.part}, zero-padded so names sort by sequence. */
    public String partName() {
        return target + ".d/" + String.format("%016d-%016d.part", first, last);
    }
}
