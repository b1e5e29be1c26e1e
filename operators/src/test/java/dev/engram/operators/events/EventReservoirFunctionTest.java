package dev.engram.operators.events;

import dev.engram.operators.InputRecord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.operators.DeadLetter;
import dev.engram.operators.DeadLetters;
import dev.engram.snn.OptionSet;
import dev.engram.snn.events.EventBatch;
import dev.engram.snn.lsm.LifReservoir;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.lsm.ReservoirFeatures;
import dev.engram.snn.readout.RidgeClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EventReservoirFunctionTest {
    private static final OptionSet LSM = LsmOptions.defaults().with(LsmOptions.NEURONS, 200).with(LsmOptions.SEED, 3L);

    /** A synthetic recording on a 34x34 sensor: {@code n} events, about 50 per ms, bursts moving across. */
    static EventBatch recording(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        EventBatch b = new EventBatch(Math.max(16, n));
        long t = 1_000 + rnd.nextInt(500);
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(40);
            int cx = (int) ((t / 3000) % 30);
            b.add(Math.min(33, cx + rnd.nextInt(5)), rnd.nextInt(34), rnd.nextBoolean(), t);
        }
        return b;
    }

    static List<EventChunk> chunks(String stream, EventBatch b, int per, int label) {
        List<EventChunk> out = new ArrayList<>();
        for (int from = 0, k = 0; from < b.size(); from += per, k++) {
            int to = Math.min(b.size(), from + per);
            EventChunk c = EventChunk.of(stream, stream + ".bin", k, 34, 34,
                    java.util.Arrays.copyOfRange(b.x(), from, to), java.util.Arrays.copyOfRange(b.y(), from, to),
                    java.util.Arrays.copyOfRange(b.polarity(), from, to), java.util.Arrays.copyOfRange(b.tUs(), from, to), to - from);
            c.label = label;
            c.endOfFile = to == b.size();
            out.add(c);
        }
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, InputRecord<EventChunk>, EventResult> harness(EventReservoirFunction fn)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), InputRecord::streamId, Types.STRING);
    }

    @Test
    void sampleFeaturesFromChunksEqualReservoirFeaturesOfTheWholeSample() throws Exception {
        EventBatch sample = recording(11, 5000);
        ReservoirFeatures reference = new ReservoirFeatures(LifReservoir.build(LSM, 34, 34));
        float[] expected = new float[reference.dimension()];
        reference.encode(sample, expected);
        try (var h = harness(EventReservoirFunction.samples(LSM))) {
            h.open();
            for (EventChunk c : chunks("s", sample, 777, 4)) h.processElement(in(c), 0);
            List<EventResult> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).embedding).containsExactly(expected);
            assertThat(out.get(0).label).isEqualTo(4);
            assertThat(out.get(0).events).isEqualTo(5000);
        }
    }

    @Test
    void restoredOperatorContinuesExactlyLikeAnUninterruptedOneInWindows() throws Exception {
        EventReservoirFunction fn = EventReservoirFunction.windows(LSM, 20_000);
        List<EventChunk> a = chunks("a", recording(1, 12_000), 1000, -1);
        List<EventChunk> b = chunks("b", recording(2, 12_000), 1000, -1);
        List<EventResult> uninterrupted;
        try (var h = harness(fn)) {
            h.open();
            for (int i = 0; i < a.size(); i++) {
                h.processElement(in(a.get(i)), i);
                h.processElement(in(b.get(i)), i);
            }
            uninterrupted = h.extractOutputValues();
        }
        assertThat(uninterrupted).hasSizeGreaterThan(10);

        OperatorSubtaskState snapshot;
        List<EventResult> resumed;
        try (var h = harness(EventReservoirFunction.windows(LSM, 20_000))) {
            h.open();
            for (int i = 0; i < 5; i++) {
                h.processElement(in(a.get(i)), i);
                h.processElement(in(b.get(i)), i);
            }
            snapshot = h.snapshot(1L, 5L);
            resumed = new ArrayList<>(h.extractOutputValues());
        }
        try (var h = harness(EventReservoirFunction.windows(LSM, 20_000))) {
            h.initializeState(snapshot);
            h.open();
            for (int i = 5; i < a.size(); i++) {
                h.processElement(in(a.get(i)), i);
                h.processElement(in(b.get(i)), i);
            }
            resumed.addAll(h.extractOutputValues());
        }
        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void restoredSampleModeGivesTheSamePrediction() throws Exception {
        ReservoirFeatures enc = new ReservoirFeatures(LifReservoir.build(LSM, 34, 34));
        float[][] x = new float[20][enc.dimension()];
        int[] y = new int[20];
        for (int i = 0; i < 20; i++) {
            enc.encode(recording(100 + i, 3000), x[i]);
            y[i] = i % 2;
        }
        EventModel model = new EventModel(LSM, 34, 34, RidgeClassifier.fit(x, y, 2, 1.0));
        List<EventChunk> s = chunks("s", recording(7, 6000), 1000, 1);
        List<EventResult> straight;
        try (var h = harness(EventReservoirFunction.samples(model))) {
            h.open();
            for (EventChunk c : s) h.processElement(in(c), 0);
            straight = h.extractOutputValues();
        }
        OperatorSubtaskState snapshot;
        try (var h = harness(EventReservoirFunction.samples(model))) {
            h.open();
            for (int i = 0; i < 3; i++) h.processElement(in(s.get(i)), i);
            snapshot = h.snapshot(1L, 3L);
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var h = harness(EventReservoirFunction.samples(model))) {
            h.initializeState(snapshot);
            h.open();
            for (int i = 3; i < s.size(); i++) h.processElement(in(s.get(i)), i);
            assertThat(h.extractOutputValues()).containsExactlyElementsOf(straight);
        }
        assertThat(straight).hasSize(1);
        assertThat(straight.get(0).scores).hasSize(2);
        assertThat(straight.get(0).predicted).isBetween(0, 1);
    }

    @Test
    void damagedFilesDeadLetterPassesOnAndItsSampleIsDroppedWhileOthersContinue() throws Exception {
        try (var h = harness(EventReservoirFunction.samples(LSM))) {
            h.open();
            List<EventChunk> bad = chunks("bad", recording(5, 2000), 1500, 3);
            EventChunk last = bad.get(bad.size() - 1);
            last.problem = "truncated: 3 trailing byte(s) at offset 10000 do not make a whole 5-byte event";
            last.problemOffset = 10_000;
            for (EventChunk c : bad) h.processElement(in(c), 0);
            // The reader sends the problem on as a dead letter with the bytes where decoding stopped.
            h.processElement(InputRecord.dead(new DeadLetter("bad", bad.size(), "bad.bin", "bad.bin @ byte 10000: " + last.problem)
                    .at("source").withBytes(new byte[] {1, 2, 3}, 10_000)), 0);
            h.processElement(InputRecord.end("bad"), 0);
            for (EventChunk c : chunks("good", recording(6, 2000), 1500, 2)) h.processElement(in(c), 0);
            EventChunk empty = new EventChunk();
            empty.streamId = "empty";
            empty.origin = "empty.bin";
            empty.endOfFile = true;
            h.processElement(in(empty), 0);

            assertThat(h.extractOutputValues()).filteredOn(r -> !r.endOfStream).extracting(r -> r.streamId).containsExactly("good");
            assertThat(h.extractOutputValues()).filteredOn(r -> r.endOfStream).extracting(r -> r.streamId).containsExactly("bad");
            List<DeadLetter> letters = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : h.getSideOutput(DeadLetters.TAG)) letters.add(r.getValue());
            assertThat(letters).hasSize(2);
            assertThat(letters.get(0).reason).contains("bad.bin").contains("10000");
            assertThat(letters.get(0).bytes).containsExactly(1, 2, 3);
            assertThat(letters.get(1).reason).contains("empty.bin").contains("no events");
        }
    }

    @Test
    void serializerRoundTripsAnOpenWindowEncoding() throws Exception {
        StreamEncoding e = StreamEncoding.start(LifReservoir.build(LSM, 34, 34), 10_000);
        List<StreamEncoding.Encoded> out = new ArrayList<>();
        for (EventChunk c : chunks("s", recording(9, 3000), 1000, -1)) e.accept(c, out::add);
        DataOutputSerializer o = new DataOutputSerializer(1 << 16);
        StreamEncodingSerializer.INSTANCE.serialize(e, o);
        StreamEncoding copy = StreamEncodingSerializer.INSTANCE.deserialize(new DataInputDeserializer(o.getCopyOfBuffer()));
        assertThat(StreamEncodingSerializer.INSTANCE.toBytes(copy)).isEqualTo(StreamEncodingSerializer.INSTANCE.toBytes(e));
        assertThat(StreamEncodingSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(
                new StreamEncodingSerializerSnapshot()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void windowStateHasAFixedSize() {
        StreamEncoding e = StreamEncoding.start(LifReservoir.build(LSM, 34, 34), 10_000);
        List<StreamEncoding.Encoded> out = new ArrayList<>();
        long sizeAfterFirst = -1;
        int k = 0;
        for (EventChunk c : chunks("s", recording(4, 40_000), 2000, -1)) {
            e.accept(c, out::add);
            if (k++ == 1) sizeAfterFirst = e.bytes();
        }
        assertThat(e.bytes()).isEqualTo(sizeAfterFirst);
        assertThat(out).isNotEmpty();
    }

    @Test
    void tiledPooledSqrtSampleFeaturesFromChunksEqualThePlainJavaFeatures() throws Exception {
        OptionSet tiled = LsmOptions.defaults().with(LsmOptions.NEURONS, 0).with(LsmOptions.INPUT_KIND, "tiled")
                .with(LsmOptions.INPUT_POOL, 1).with(LsmOptions.INPUT_MAPS, 4).with(LsmOptions.FEATURE_POOL, 2)
                .with(LsmOptions.FEATURE_SQRT, true).with(LsmOptions.SEED, 5L);
        EventBatch sample = recording(21, 4000);
        ReservoirFeatures reference = new ReservoirFeatures(LifReservoir.build(tiled, 34, 34));
        float[] expected = new float[reference.dimension()];
        reference.encode(sample, expected);
        try (var h = harness(EventReservoirFunction.samples(tiled))) {
            h.open();
            for (EventChunk c : chunks("s", sample, 900, 2)) h.processElement(in(c), 0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> assertThat(r.embedding).containsExactly(expected));
        }
    }

    /**
     * A zero-shot model's vision and audio streams each go through their own reservoir and head: the
     * embedding and prediction equal the plain-Java ones; a stream on neither sensor is dead-lettered.
     */
    @Test
    void zeroShotReadoutEmbedsEachModalityWithItsOwnHead() throws Exception {
        OptionSet audioLsm = LsmOptions.defaults().with(LsmOptions.NEURONS, 60).with(LsmOptions.INPUT_POOL, 1).with(LsmOptions.SEED, 2L);
        OptionSet visionLsm = LSM;
        SplittableRandom rnd = new SplittableRandom(8);
        float[][] xv = new float[6][LifReservoir.featureDimension(visionLsm, 34, 34)], xa = new float[6][LifReservoir.featureDimension(audioLsm, 64, 1)];
        for (float[] r : xv) for (int j = 0; j < r.length; j++) r[j] = rnd.nextInt(5);
        for (float[] r : xa) for (int j = 0; j < r.length; j++) r[j] = rnd.nextInt(5);
        var heads = new dev.engram.snn.zeroshot.CrossModalHeads(
                dev.engram.snn.zeroshot.ProjectionHead.init(dev.engram.snn.readout.Standardizer.fit(xa), 8, 4, rnd),
                dev.engram.snn.zeroshot.ProjectionHead.init(dev.engram.snn.readout.Standardizer.fit(xv), 8, 4, rnd));
        double[][] anchors = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        var model = new dev.engram.snn.zeroshot.ZeroShotModel(new dev.engram.snn.zeroshot.ZeroShotModel.Side(visionLsm, 34, 34),
                new dev.engram.snn.zeroshot.ZeroShotModel.Side(audioLsm, 64, 1), heads, anchors, anchors);

        EventBatch digit = recording(3, 3000);
        EventBatch word = new EventBatch(2000);
        for (int i = 0; i < 2000; i++) word.add(rnd.nextInt(64), 0, rnd.nextBoolean(), 500L * i);
        try (var h = harness(EventReservoirFunction.zeroShot(model))) {
            h.open();
            for (EventChunk c : chunks("vision/d", digit, 700, 1)) h.processElement(in(c), 0);
            for (EventChunk c : chunks("audio/w", word, 700, 2)) {
                c.width = 64;
                c.height = 1;
                h.processElement(in(c), 0);
            }
            EventChunk odd = EventChunk.of("odd", "odd.dat", 0, 10, 10, new int[] {1}, new int[] {1}, new byte[] {1}, new long[] {5}, 1);
            odd.endOfFile = true;
            h.processElement(in(odd), 0);
            List<EventResult> out = h.extractOutputValues();
            assertThat(out).extracting(r -> r.modality).containsExactly("vision", "audio");
            for (EventResult r : out) {
                boolean audio = r.modality.equals("audio");
                ReservoirFeatures f = new ReservoirFeatures(LifReservoir.build(audio ? audioLsm : visionLsm, audio ? 64 : 34, audio ? 1 : 34));
                float[] x = new float[f.dimension()];
                f.encode(audio ? word : digit, x);
                double[] e = audio ? heads.audio().embed(x) : heads.vision().embed(x);
                for (int k = 0; k < e.length; k++) assertThat(r.embedding[k]).isEqualTo((float) e[k]);
                assertThat(r.scores).hasSize(3);
                assertThat(r.predicted).isEqualTo(dev.engram.snn.zeroshot.ZeroShotModel.argmax(r.scores));
            }
            List<DeadLetter> letters = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : h.getSideOutput(DeadLetters.TAG)) letters.add(r.getValue());
            assertThat(letters).singleElement().satisfies(d -> assertThat(d.reason).contains("odd.dat").contains("10x10")
                    .contains("matches neither"));
        }
    }

    /** The record as a source hands it over. */
    private static InputRecord<EventChunk> in(EventChunk value) {
        return InputRecord.of(value.streamId, value);
    }
}
