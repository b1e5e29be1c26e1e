package dev.engram.connectors.source;

import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.synthetic.LoopedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A long stream made from a real DAVIS sequence played forward and backward ({@link LoopedSequence}),
 * with ground truth on every frame: the benchmark input. The sequence is decoded once when the
 * reader opens (all frames stay in memory); record {@code i} is frame {@code i}, so a restore
 * regenerates exactly. Failure behaviour: a missing sequence or an unreadable file fails the build
 * of the source ({@link #check}) or the reader's open, naming the file.
 */
public final class LoopedSequenceSource implements GeneratorFunction<Long, LabeledFrame> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String sequence;
    private final String streamId;
    private transient LoopedSequence looped;

    public LoopedSequenceSource(Path root, String sequence, String streamId) {
        this.root = root.toString();
        this.sequence = sequence;
        this.streamId = streamId;
    }

    /** Opens the sequence listing (not the pixels) and returns its length; throws naming what is missing. */
    public int check() {
        DavisSequence s = DavisFolder.open(Path.of(root), sequence);
        for (int i = 0; i < s.size(); i++) {
            if (s.maskPath(i) == null) {
                throw new IllegalArgumentException(s.folder() + ": frame " + s.frames().get(i).getFileName()
                        + " has no ground-truth mask; a looped benchmark needs one for every frame");
            }
        }
        return s.size();
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        DavisSequence s = DavisFolder.open(Path.of(root), sequence);
        List<Frame> frames = new ArrayList<>();
        List<Mask> masks = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            Frame f = s.readFrame(i, streamId);
            frames.add(f);
            masks.add(s.readMask(i, f.width, f.height));
        }
        looped = new LoopedSequence(streamId, frames, masks, 40);
    }

    @Override
    public LabeledFrame map(Long index) {
        return new LabeledFrame(looped.frame(index), looped.groundTruth(index));
    }

    /** Sequence length N; the loop period is 2N - 2 frames. */
    public int loopPeriod(int sourceLength) {
        return sourceLength <= 1 ? 1 : 2 * sourceLength - 2;
    }

    public DataStream<LabeledFrame> stream(StreamExecutionEnvironment env, long frames) {
        return env.fromSource(new DataGeneratorSource<>(this, frames, TypeInformation.of(LabeledFrame.class)),
                WatermarkStrategy.noWatermarks(), "looped-" + sequence).setParallelism(1);
    }
}
