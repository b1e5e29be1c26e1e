package dev.engram.connectors.source;

import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Streams the sequences of a DAVIS-layout folder ({@link DavisFolder}) as {@link FrameRef}s, one
 * stream per sequence (stream id = sequence name), interleaved frame by frame so several sequences
 * progress together. Each sequence's first mask is its annotation; masks of later frames travel as
 * ground truth for scoring.
 *
 * <p>The source is a bounded, checkpointable {@link DataGeneratorSource} over the reference list,
 * run with parallelism 1 so every stream's frames stay in order. Failure behaviour: folder problems
 * (not a folder, no sequences, no first mask) throw {@code BadInputException} naming the folder when
 * the source is built, before the job starts; unreadable files surface later as dead letters of
 * {@link FrameDecoder}.
 */
public final class DavisFolderSource {
    private DavisFolderSource() {}

    /** References to every frame of {@code sequences}, interleaved; {@code maxFrames <= 0} = all. */
    public static List<FrameRef> references(List<DavisSequence> sequences, int maxFrames) {
        List<FrameRef> refs = new ArrayList<>();
        int longest = sequences.stream().mapToInt(DavisSequence::size).max().orElse(0);
        if (maxFrames > 0) longest = Math.min(longest, maxFrames);
        for (int i = 0; i < longest; i++) {
            for (DavisSequence s : sequences) {
                if (i >= s.size()) continue;
                Path mask = s.maskPath(i);
                refs.add(new FrameRef(s.name(), i, s.frames().get(i).toString(), mask == null ? null : mask.toString(),
                        i == 0));
            }
        }
        return refs;
    }

    /** References to every sequence under {@code root}. */
    public static List<FrameRef> references(Path root, int maxFrames) {
        return references(DavisFolder.discover(root), maxFrames);
    }

    /** A bounded checkpointable source of {@code refs}, in list order. */
    public static DataGeneratorSource<FrameRef> source(List<FrameRef> refs) {
        return new DataGeneratorSource<>(new IndexedGenerator<>(refs), refs.size(), TypeInformation.of(FrameRef.class));
    }

    /** Adds the source of {@code refs} to {@code env} with parallelism 1. */
    public static DataStream<FrameRef> stream(StreamExecutionEnvironment env, List<FrameRef> refs) {
        return env.fromSource(source(refs), WatermarkStrategy.noWatermarks(), "davis-folder").setParallelism(1);
    }
}
