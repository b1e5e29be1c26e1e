package dev.engram.connectors.sink.preview;

import dev.engram.connectors.sink.OutputLayout;
import dev.engram.connectors.sink.file.FileOutputSink;
import dev.engram.operators.preview.Preview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes each stream's latest preview under a folder on Flink's FileSystem, for a dashboard that
 * watches a cluster: {@code <root>/<stream>.jpg} and {@code <root>/<stream>.json} (kind, index,
 * time, size, caption, TTA label, predictions and weather). Each file is written under a temporary
 * name and renamed over the old one, so a reader sees a whole picture or the previous one. Latest
 * wins; previews are not results: nothing is checkpointed, and a failure loses at most the newest
 * picture. A preview that cannot be written is skipped (logged by Flink's task log once per stream is
 * not worth a failed job).
 */
public final class PreviewFolderSink implements Sink<Preview> {
    private static final long serialVersionUID = 1L;

    private final String root;

    private PreviewFolderSink(String root) {
        this.root = root;
    }

    /** Previews under {@code root}: a URI with a scheme, or a local path (made absolute). */
    public static PreviewFolderSink to(String root) {
        return new PreviewFolderSink(FileOutputSink.uri(root));
    }

    @Override
    public SinkWriter<Preview> createWriter(WriterInitContext context) throws IOException {
        Path base = new Path(root);
        FileSystem fs = base.getFileSystem();
        fs.mkdirs(base);
        String writer = "w" + context.getTaskInfo().getIndexOfThisSubtask();
        return new SinkWriter<>() {
            @Override
            public void write(Preview p, Context c) {
                String name = OutputLayout.stream(p.streamId);
                try {
                    replace(fs, new Path(base, name + ".jpg"), p.jpeg, writer);
                    replace(fs, new Path(base, name + ".json"), describe(p), writer);
                } catch (IOException skipped) {
                    // The next preview of this stream, a second later, tries again.
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    static byte[] describe(Preview p) {
        return PreviewJson.describe(p).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void replace(FileSystem fs, Path target, byte[] bytes, String writer) throws IOException {
        fs.mkdirs(target.getParent());
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + writer + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(bytes);
        }
        if (!fs.rename(tmp, target)) {
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
