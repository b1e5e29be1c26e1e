package dev.engram.connectors.source;

import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.synthetic.SyntheticCamera;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * N seeded synthetic cameras ({@link SyntheticCamera}) as one bounded source of {@link LabeledFrame}s
 * with exact ground truth. Stream {@code k} is called {@code <prefix>-k} and uses seed
 * {@code seed + k}; records interleave the streams frame by frame.
 *
 * <p>Every record is a pure function of its position ({@code SyntheticCamera.frame(i)} has random
 * access), so after a restore the {@link DataGeneratorSource} regenerates exactly the frames that
 * follow the checkpoint. Runs with parallelism 1 to keep each stream in order.
 */
public final class SyntheticCameraSource implements GeneratorFunction<Long, LabeledFrame> {
    private static final long serialVersionUID = 1L;

    private final String prefix;
    private final int streams;
    private final long seed;
    private final int width;
    private final int height;
    private final int objects;
    private transient SyntheticCamera[] cameras;

    public SyntheticCameraSource(String prefix, int streams, long seed, int width, int height, int objects) {
        if (streams < 1) throw new IllegalArgumentException("need at least one stream, got " + streams);
        this.prefix = prefix;
        this.streams = streams;
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.objects = objects;
        new SyntheticCamera(seed, width, height, objects); // fails here, naming the bad argument, not in the job
    }

    public String streamId(int k) {
        return prefix + "-" + k;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        cameras = new SyntheticCamera[streams];
        for (int k = 0; k < streams; k++) cameras[k] = new SyntheticCamera(seed + k, width, height, objects);
    }

    @Override
    public LabeledFrame map(Long position) {
        int k = (int) (position % streams);
        long index = position / streams;
        Frame frame = cameras[k].frame(index);
        frame.streamId = streamId(k);
        return new LabeledFrame(frame, cameras[k].groundTruth(index));
    }

    /** A bounded source of {@code framesPerStream} frames for each stream. */
    public DataGeneratorSource<LabeledFrame> source(long framesPerStream) {
        return new DataGeneratorSource<>(this, framesPerStream * streams, TypeInformation.of(LabeledFrame.class));
    }

    public DataStream<LabeledFrame> stream(StreamExecutionEnvironment env, long framesPerStream) {
        return env.fromSource(source(framesPerStream), WatermarkStrategy.noWatermarks(), "synthetic-cameras")
                .setParallelism(1);
    }
}
