package dev.engram.jobs;

import dev.engram.connectors.source.StreamSource;
import dev.engram.operators.AnnotationJoin;
import dev.engram.operators.FrameOrMask;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import java.io.Serializable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job's input comes from: an Engram {@link StreamSource} (files, folders, synthetic cameras)
 * or a Kafka topic of wire records. Either way the job sees {@link InputRecord}s keyed by stream id.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface JobInput<T> extends Serializable {
    DataStream<InputRecord<T>> stream(StreamExecutionEnvironment env);

    /**
     * Whether the input carries health reports of live sources among its records. Only such inputs get
     * the steps that split them off, so the graphs of other inputs, and their savepoints, stay as they were.
     */
    default boolean reportsHealth() {
        return false;
    }

    /** Live sources (cameras): an Engram stream source whose records include health reports. */
    static <T> JobInput<T> live(StreamSource<T> source, String name) {
        return new JobInput<>() {
            @Override
            public DataStream<InputRecord<T>> stream(StreamExecutionEnvironment env) {
                return of(source, name).stream(env);
            }

            @Override
            public boolean reportsHealth() {
                return true;
            }
        };
    }

    /** An Engram stream source under the stable uid {@code source}. */
    static <T> JobInput<T> of(StreamSource<T> source, String name) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(JobGraphs.Uids.SOURCE).name(name);
    }

    /** Any FLIP-27 source of input records (a Kafka topic) under the stable uid {@code source}. */
    static <T> JobInput<T> fromSource(Source<InputRecord<T>, ?, ?> source, String name) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(JobGraphs.Uids.SOURCE).name(name);
    }

    /** Frames and masks that travel apart (a Kafka topic), joined per stream by {@link AnnotationJoin}. */
    static JobInput<LabeledFrame> framesAndMasks(Source<InputRecord<FrameOrMask>, ?, ?> source, String name) {
        return env -> env.fromSource(source, WatermarkStrategy.noWatermarks(), name).uid(JobGraphs.Uids.SOURCE).name(name)
                .keyBy(InputRecord::streamId, Types.STRING).process(new AnnotationJoin())
                .returns(InputRecord.typeInfo(LabeledFrame.class)).uid(JobGraphs.Uids.ANNOTATE).name("annotate");
    }
}
