package dev.engram.connectors.sink.file;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Stages output under {@code <root>/_staging/<writer id>/} as it arrives and, at each checkpoint,
 * hands the staged pieces to the committer. A whole file written twice before a checkpoint is staged
 * once (the newer content wins), so summaries rewritten every few frames cost one file per
 * checkpoint. Lines go to one open part per JSON-lines file, closed at the checkpoint.
 *
 * <p>Nothing becomes visible here: the committer renames staged pieces into place once the
 * checkpoint has completed. On close (job end, cancel, failover) the pieces not yet handed over are
 * deleted; those handed over belong to the committer.
 */
final class FileOutputWriter implements CommittingSinkWriter<OutputFile, OutputCommittable> {
    private final Path root;
    private final FileSystem fs;
    private final String writerId;
    private final Path staging;
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, OpenPart> parts = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private long batch;
    private long counter;

    private static final class OpenPart {
        final Path staged;
        final FSDataOutputStream out;
        final long first;
        long last;

        OpenPart(Path staged, FSDataOutputStream out, long first) {
            this.staged = staged;
            this.out = out;
            this.first = first;
            this.last = first;
        }
    }

    FileOutputWriter(Path root, int subtask) throws IOException {
        this.root = root;
        this.fs = root.getFileSystem();
        this.writerId = "w" + subtask + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.staging = new Path(root, "_staging/" + writerId);
        fs.mkdirs(staging);
    }

    @Override
    public void write(OutputFile f, Context context) throws IOException {
        OutputFile.checkPath(f.path);
        switch (f.kind) {
            case FILE -> {
                Path staged = next();
                try (FSDataOutputStream out = fs.create(staged, FileSystem.WriteMode.OVERWRITE)) {
                    out.write(f.bytes);
                }
                Path earlier = files.put(f.path, staged);
                if (earlier != null) fs.delete(earlier, false);
            }
            case LINE -> {
                OpenPart p = parts.get(f.path);
                if (p == null) {
                    Path staged = next();
                    p = new OpenPart(staged, fs.create(staged, FileSystem.WriteMode.OVERWRITE), f.sequence);
                    parts.put(f.path, p);
                }
                p.out.write(f.bytes);
                p.out.write('\n');
                p.last = Math.max(p.last, f.sequence);
            }
            case FINISH -> {
                if (!finished.contains(f.path)) finished.add(f.path);
            }
        }
    }

    private Path next() {
        return new Path(staging, String.valueOf(counter++));
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public List<OutputCommittable> prepareCommit() throws IOException {
        String id = writerId + "-" + batch++;
        List<OutputCommittable> out = new ArrayList<>(files.size() + parts.size() + finished.size());
        for (Map.Entry<String, Path> e : files.entrySet()) {
            out.add(new OutputCommittable(OutputCommittable.Type.FILE, id, e.getKey(), e.getValue().toString(), 0, 0));
        }
        for (Map.Entry<String, OpenPart> e : parts.entrySet()) {
            OpenPart p = e.getValue();
            p.out.close();
            out.add(new OutputCommittable(OutputCommittable.Type.PART, id, e.getKey(), p.staged.toString(), p.first, p.last));
        }
        for (String target : finished) out.add(new OutputCommittable(OutputCommittable.Type.FINISH, id, target, null, 0, 0));
        files.clear();
        parts.clear();
        finished.clear();
        return out;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OpenPart p : parts.values()) {
            try {
                p.out.close();
                fs.delete(p.staged, false);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        for (Path staged : files.values()) {
            try {
                fs.delete(staged, false);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        parts.clear();
        files.clear();
        if (first != null) throw first;
    }

    Path root() {
        return root;
    }
}
