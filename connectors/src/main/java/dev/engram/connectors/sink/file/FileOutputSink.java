package dev.engram.connectors.sink.file;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Engram's file output, on Flink's {@link org.apache.flink.core.fs.FileSystem}: a local folder
 * ({@code file://}, or a plain path) and any FileSystem plugin the cluster has (HDFS, S3, …).
 *
 * <p>Semantics: exactly once, by two-phase commit. Writers stage every piece under
 * {@code <root>/_staging/}; when a checkpoint completes, the committer renames the checkpoint's
 * pieces into place ({@link FileOutputCommitter}). Output written after the last completed
 * checkpoint is never visible: after a failure the job replays it from that checkpoint and commits it
 * once. Whole files appear atomically; a JSON-lines file appears as committed parts
 * {@code <file>.d/*.part} while its stream runs and as the one file, assembled in order, once its
 * stream has ended. Readers see output only at checkpoint intervals (and at the end of a bounded
 * job), so the checkpoint interval is the output latency. Folders starting with {@code _} belong to
 * the sink: {@code _staging/} (pieces of failed attempts may remain there) and {@code _commits/}
 * (one log per committed batch, see {@link CommitLog}).
 *
 * <p>Needs checkpointing; without it, output is committed only when a bounded job ends.
 */
public final class FileOutputSink implements Sink<OutputFile>, SupportsCommitter<OutputCommittable> {
    private static final long serialVersionUID = 1L;

    private final String root;

    private FileOutputSink(String root) {
        this.root = root;
    }

    /** A sink writing under {@code root}: a URI with a scheme, or a local path (made absolute). */
    public static FileOutputSink to(String root) {
        return new FileOutputSink(uri(root));
    }

    /** {@code root} as a URI: kept when it has a scheme, else an absolute {@code file://} URI of the local path. */
    public static String uri(String root) {
        URI u = URI.create(root.replace(" ", "%20"));
        if (u.getScheme() != null && u.getScheme().length() > 1) return root;
        return Paths.get(root).toAbsolutePath().normalize().toUri().toString();
    }

    public String root() {
        return root;
    }

    @Override
    public SinkWriter<OutputFile> createWriter(WriterInitContext context) throws IOException {
        return new FileOutputWriter(new Path(root), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public Committer<OutputCommittable> createCommitter(CommitterInitContext context) throws IOException {
        return new FileOutputCommitter(new Path(root));
    }

    @Override
    public SimpleVersionedSerializer<OutputCommittable> getCommittableSerializer() {
        return OutputCommittableSerializer.INSTANCE;
    }
}
