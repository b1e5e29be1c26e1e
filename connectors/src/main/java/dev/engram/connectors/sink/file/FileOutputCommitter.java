package dev.engram.connectors.sink.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a completed checkpoint's output visible: renames staged files to their names, parts of
 * JSON-lines files to {@code <file>.d/<first>-<last>.part}, and assembles a finished JSON-lines file
 * from its parts (in sequence order, written beside it and renamed into place, then the parts are
 * removed). Before touching a batch it writes the batch's commit log {@code _commits/<batch>.log}
 * (once, atomically), so the outputs committed under each name can be counted afterwards; a retried
 * commit finds its renames done and its log written and changes nothing.
 *
 * <p>A batch staged under another root (a savepoint of a job that wrote to another folder, restored
 * into this one) was committed by that job before its savepoint completed, and is skipped.
 *
 * <p>Failure behaviour: an I/O error is retried at the next commit up to {@link #RETRIES} times, then
 * fails the job (its restart strategy applies; the committable is still in the checkpoint).
 */
final class FileOutputCommitter implements Committer<OutputCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(FileOutputCommitter.class);
    static final int RETRIES = 5;

    private final Path root;
    private final FileSystem fs;

    FileOutputCommitter(Path root) throws IOException {
        this.root = root;
        this.fs = root.getFileSystem();
    }

    @Override
    public void commit(Collection<CommitRequest<OutputCommittable>> requests) {
        Map<String, List<CommitRequest<OutputCommittable>>> batches = new LinkedHashMap<>();
        for (CommitRequest<OutputCommittable> r : requests) batches.computeIfAbsent(r.getCommittable().batch(), k -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<CommitRequest<OutputCommittable>>> batch : batches.entrySet()) {
            List<CommitRequest<OutputCommittable>> rs = batch.getValue();
            rs.sort(Comparator.comparing(r -> r.getCommittable().type() == OutputCommittable.Type.FINISH));
            if (rs.stream().anyMatch(r -> isForeign(r.getCommittable()))) {
                // Staged under another output root: restored from a savepoint of a job that wrote elsewhere
                // and committed this batch there before the savepoint completed.
                LOG.info("Batch {} was staged under another output root; it was committed there", batch.getKey());
                rs.forEach(CommitRequest::signalAlreadyCommitted);
                continue;
            }
            try {
                writeLog(batch.getKey(), rs);
            } catch (IOException e) {
                rs.forEach(r -> retryOrFail(r, e));
                continue;
            }
            for (CommitRequest<OutputCommittable> r : rs) {
                try {
                    apply(r.getCommittable());
                } catch (IOException e) {
                    retryOrFail(r, e);
                }
            }
        }
    }

    private boolean isForeign(OutputCommittable c) {
        String rootPath = root.toUri().getPath();
        if (!rootPath.endsWith("/")) rootPath += "/";
        return c.staged() != null && !new Path(c.staged()).toUri().getPath().startsWith(rootPath);
    }

    private static void retryOrFail(CommitRequest<OutputCommittable> r, IOException e) {
        if (r.getNumberOfRetries() < RETRIES) {
            LOG.warn("Commit of {} failed, retrying: {}", r.getCommittable().target(), e.toString());
            r.retryLater();
        } else {
            r.signalFailedWithUnknownReason(e);
        }
    }

    private void writeLog(String batch, List<CommitRequest<OutputCommittable>> rs) throws IOException {
        Path log = new Path(root, CommitLog.FOLDER + "/" + batch + ".log");
        if (fs.exists(log)) return;
        StringBuilder text = new StringBuilder();
        for (CommitRequest<OutputCommittable> r : rs) text.append(CommitLog.line(r.getCommittable())).append('\n');
        Path tmp = new Path(root, CommitLog.FOLDER + "/." + batch + ".log.tmp");
        fs.mkdirs(tmp.getParent());
        try (FSDataOutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(tmp, log)) throw new IOException("cannot move commit log into place: " + log);
    }

    private void apply(OutputCommittable c) throws IOException {
        switch (c.type()) {
            case FILE -> move(new Path(c.staged()), new Path(root, c.target()), null);
            // A replayed part whose file was already assembled (and its parts removed) was committed before.
            case PART -> move(new Path(c.staged()), new Path(root, c.partName()), new Path(root, c.target()));
            case FINISH -> assemble(c.target());
        }
    }

    /**
     * Renames staged to target, replacing it. A staged file already gone was committed before when its
     * target is present, or {@code assembled} (the finished file its part went into).
     */
    private void move(Path staged, Path target, Path assembled) throws IOException {
        if (!fs.exists(staged)) {
            if (fs.exists(target) || (assembled != null && fs.exists(assembled))) return;
            throw new IOException("staged output " + staged + " for " + target + " is gone and was never committed");
        }
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) fs.delete(target, false);
        if (!fs.rename(staged, target)) throw new IOException("cannot rename " + staged + " to " + target);
    }

    private void assemble(String target) throws IOException {
        Path dir = new Path(root, target + ".d");
        Path out = new Path(root, target);
        FileStatus[] parts = fs.exists(dir) ? fs.listStatus(dir) : null;
        if (parts == null) {
            if (!fs.exists(out)) writeAll(out, new byte[0]);
            return;
        }
        Arrays.sort(parts, Comparator.comparing(p -> p.getPath().getName()));
        Path tmp = new Path(root, target + ".assembling");
        try (FSDataOutputStream o = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            byte[] buffer = new byte[1 << 16];
            for (FileStatus p : parts) {
                if (!p.getPath().getName().endsWith(".part")) continue;
                try (InputStream in = fs.open(p.getPath())) {
                    for (int n; (n = in.read(buffer)) > 0; ) o.write(buffer, 0, n);
                }
            }
        }
        if (fs.exists(out)) fs.delete(out, false);
        if (!fs.rename(tmp, out)) throw new IOException("cannot rename " + tmp + " to " + out);
        fs.delete(dir, true);
    }

    private void writeAll(Path file, byte[] content) throws IOException {
        fs.mkdirs(file.getParent());
        try (FSDataOutputStream o = fs.create(file, FileSystem.WriteMode.OVERWRITE)) {
            o.write(content);
        }
    }

    @Override
    public void close() {}
}
