package dev.engram.jobs;

import dev.engram.connectors.kafka.KafkaEndpoint;
import dev.engram.connectors.kafka.KafkaResultSink;
import dev.engram.connectors.sink.ResultOutputs;
import dev.engram.connectors.sink.file.FileOutputSink;
import dev.engram.connectors.sink.file.OutputFile;
import dev.engram.connectors.wire.ResultRecords;
import dev.engram.connectors.wire.WireRecord;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.SegmentedFrame;
import dev.engram.operators.SourceHealth;
import dev.engram.operators.StreamSummary;
import dev.engram.operators.events.EventResult;
import dev.engram.operators.tta.AdaptedBatch;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job's results and dead letters go: files under a folder ({@link Files}, the exactly-once
 * {@link FileOutputSink}) or Kafka topics ({@link Kafka}, the exactly-once {@link KafkaResultSink}).
 * Every step has a stable uid of its own per kind of output.
 */
public sealed interface JobOutputs extends Serializable permits JobOutputs.Files, JobOutputs.Kafka {
    /** @param health live sources' health reports, or null when the input has none */
    void vos(DataStream<SegmentedFrame> frames, DataStream<StreamSummary> summaries, DataStream<SourceHealth> health,
            DataStream<DeadLetter> deadLetters);

    void events(DataStream<EventResult> results, DataStream<DeadLetter> deadLetters);

    void tta(DataStream<AdaptedBatch> batches, DataStream<DeadLetter> deadLetters);

    static JobOutputs files(String root) {
        return new Files(root);
    }

    /** The output layout of {@link dev.engram.connectors.sink.OutputLayout} under {@code root}. */
    record Files(String root) implements JobOutputs {
        private static final TypeInformation<OutputFile> OUTPUT = TypeInformation.of(OutputFile.class);

        @Override
        public void vos(DataStream<SegmentedFrame> frames, DataStream<StreamSummary> summaries, DataStream<SourceHealth> health,
                DataStream<DeadLetter> deadLetters) {
            DataStream<OutputFile> results = frames.flatMap(new ResultOutputs.Frames()).returns(OUTPUT)
                    .uid(JobGraphs.Uids.RESULT_OUTPUTS).name("frame-outputs");
            DataStream<OutputFile> summaryFiles = summaries.flatMap(new ResultOutputs.Summaries()).returns(OUTPUT)
                    .uid(JobGraphs.Uids.SUMMARY_OUTPUTS).name("summary-outputs");
            DataStream<OutputFile> all = results.union(summaryFiles, letters(deadLetters));
            if (health != null) {
                all = all.union(health.flatMap(new ResultOutputs.Health()).returns(OUTPUT).uid(JobGraphs.Uids.HEALTH_OUTPUTS).name("health-outputs"));
            }
            write(all);
        }

        @Override
        public void events(DataStream<EventResult> results, DataStream<DeadLetter> deadLetters) {
            DataStream<OutputFile> lines = results.flatMap(new ResultOutputs.Events()).returns(OUTPUT)
                    .uid(JobGraphs.Uids.RESULT_OUTPUTS).name("event-outputs");
            write(lines.union(letters(deadLetters)));
        }

        @Override
        public void tta(DataStream<AdaptedBatch> batches, DataStream<DeadLetter> deadLetters) {
            DataStream<OutputFile> lines = batches.flatMap(new ResultOutputs.Tta()).returns(OUTPUT)
                    .uid(JobGraphs.Uids.RESULT_OUTPUTS).name("tta-outputs");
            write(lines.union(letters(deadLetters)));
        }

        private static DataStream<OutputFile> letters(DataStream<DeadLetter> letters) {
            return letters.flatMap(new ResultOutputs.DeadLetters()).returns(OUTPUT)
                    .uid(JobGraphs.Uids.DEAD_LETTER_OUTPUTS).name("dead-letter-outputs");
        }

        private void write(DataStream<OutputFile> outputs) {
            outputs.sinkTo(FileOutputSink.to(root)).uid(JobGraphs.Uids.FILE_SINK).name("file-sink");
        }
    }

    /**
     * Wire records on {@code topic} (results, summaries, stream ends) and {@code deadLetterTopic}, in
     * Kafka transactions committed with each checkpoint; {@code maskEncoding} is PNG or MASK_RLE.
     */
    record Kafka(KafkaEndpoint endpoint, String topic, String deadLetterTopic, String transactionalIdPrefix,
            WireRecord.Encoding maskEncoding) implements JobOutputs {
        private static final TypeInformation<WireRecord> RECORD = TypeInformation.of(WireRecord.class);

        @Override
        public void vos(DataStream<SegmentedFrame> frames, DataStream<StreamSummary> summaries, DataStream<SourceHealth> health,
                DataStream<DeadLetter> deadLetters) {
            DataStream<WireRecord> results = frames.flatMap(new ResultRecords.Frames(maskEncoding)).returns(RECORD)
                    .uid(JobGraphs.Uids.RESULT_RECORDS).name("frame-records");
            DataStream<WireRecord> summaryRecords = summaries.map(new ResultRecords.Summaries()).returns(RECORD)
                    .uid(JobGraphs.Uids.SUMMARY_RECORDS).name("summary-records");
            DataStream<WireRecord> all = results.union(summaryRecords, letters(deadLetters));
            if (health != null) {
                all = all.union(health.map(new ResultRecords.Health()).returns(RECORD).uid(JobGraphs.Uids.HEALTH_RECORDS).name("health-records"));
            }
            write(all);
        }

        @Override
        public void events(DataStream<EventResult> results, DataStream<DeadLetter> deadLetters) {
            write(results.flatMap(new ResultRecords.Events()).returns(RECORD).uid(JobGraphs.Uids.RESULT_RECORDS).name("event-records")
                    .union(letters(deadLetters)));
        }

        @Override
        public void tta(DataStream<AdaptedBatch> batches, DataStream<DeadLetter> deadLetters) {
            write(batches.flatMap(new ResultRecords.Tta()).returns(RECORD).uid(JobGraphs.Uids.RESULT_RECORDS).name("tta-records")
                    .union(letters(deadLetters)));
        }

        private static DataStream<WireRecord> letters(DataStream<DeadLetter> letters) {
            return letters.map(new ResultRecords.DeadLetters()).returns(RECORD).uid(JobGraphs.Uids.DEAD_LETTER_RECORDS).name("dead-letter-records");
        }

        private void write(DataStream<WireRecord> records) {
            records.sinkTo(KafkaResultSink.builder().endpoint(endpoint).topic(topic).deadLetterTopic(deadLetterTopic)
                    .transactionalIdPrefix(transactionalIdPrefix).build()).uid(JobGraphs.Uids.KAFKA_SINK).name("kafka-sink");
        }
    }
}
