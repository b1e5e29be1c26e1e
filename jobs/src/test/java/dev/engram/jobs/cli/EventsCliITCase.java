package dev.engram.jobs.cli;

import dev.engram.testdata.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.snn.eval.LabelledSamples;
import dev.engram.snn.eval.EventEvaluation;
import dev.engram.snn.lsm.LsmOptions;
import dev.engram.snn.readout.ReadoutOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCliITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void statsJsonMatchesTheCountsInSources() throws Exception {
        Path evt2 = SharedData.events("prophesee/evt2/sparklers_gen3_640x480.raw");
        Path datFile = SharedData.events("prophesee/dat/ncars_obj_004397_td.dat");
        Path out = tmp.resolve("evt2.json");
        CliRun r = CliRun.engram("events", "stats", evt2.toString(), "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(out.toFile());
        assertThat(j.get("format").asText()).isEqualTo("evt2");
        assertThat(j.get("events").asLong()).isEqualTo(521_252);
        assertThat(j.get("width").asInt()).isEqualTo(640);
        assertThat(j.get("height").asInt()).isEqualTo(480);
        assertThat(j.get("on").asLong()).isEqualTo(185_861);
        assertThat(j.get("off").asLong()).isEqualTo(335_391);
        assertThat(j.get("tLastUs").asLong() - j.get("tFirstUs").asLong()).isBetween(95_000L, 96_999L);

        Path dat = tmp.resolve("dat.json");
        r = CliRun.engram("events", "stats", datFile.toString(), "--format", "dat", "--json", dat.toString());
        assertThat(r.code()).as(r.err()).isZero();
        j = JSON.readTree(dat.toFile());
        assertThat(j.get("events").asLong()).isEqualTo(4407);
        assertThat(j.get("on").asLong()).isEqualTo(1671);
        assertThat(j.get("off").asLong()).isEqualTo(2736);
    }

    @Test
    void statsReadsASpokenDigitThroughTheCochlea() throws Exception {
        Path wav = SharedData.path("audio/fsdd/recordings/3_theo_12.wav");
        Path out = tmp.resolve("wav.json");
        CliRun r = CliRun.engram("events", "stats", wav.toString(), "--json", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(out.toFile());
        assertThat(j.get("format").asText()).isEqualTo("wav");
        assertThat(j.get("width").asInt()).isEqualTo(64);
        assertThat(j.get("height").asInt()).isEqualTo(1);
        assertThat(j.get("events").asLong()).isPositive().isEqualTo(j.get("on").asLong() + j.get("off").asLong());
        assertThat(j.get("truncated").isNull()).isTrue();

        Path broken = tmp.resolve("broken.wav");
        Files.write(broken, "RIFF\0\0\0\0WAVEfmt \2\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        r = CliRun.engram("events", "stats", broken.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("broken.wav").contains("fmt chunk size");
    }

    /** The first {@code perLabel} files of each label of {@code from}, copied to {@code to}. */
    static void subset(Path from, Path to, int perLabel) throws Exception {
        for (int label = 0; label < 10; label++) {
            Path dir = from.resolve(String.valueOf(label));
            if (!Files.isDirectory(dir)) continue;
            Files.createDirectories(to.resolve(String.valueOf(label)));
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.sorted((a, b) -> Long.compare(number(a), number(b))).limit(perLabel).toList();
            }
            for (Path f : files) Files.copy(f, to.resolve(String.valueOf(label)).resolve(f.getFileName()));
        }
    }

    private static long number(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(0, n.indexOf('.')));
    }

    @Test
    void evalOnASubsetMatchesPlainJavaReportsTheCorruptFileAndItsModelRunsTheStream() throws Exception {
        Path trainDigits = SharedData.events("nmnist/Train"), testDigits = SharedData.events("nmnist/Test");
        Path train = tmp.resolve("train");
        Path test = tmp.resolve("test");
        subset(trainDigits, train, 20);
        subset(testDigits, test, 100);
        Files.write(test.resolve("3/99999.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        Path json = tmp.resolve("eval.json");
        Path model = tmp.resolve("model.bin");

        CliRun r = CliRun.engram("events", "eval", "--train", train.toString(), "--test", test.toString(), "--neurons", "200",
                "--folds", "2", "--seed", "1", "--json", json.toString(), "--save-model", model.toString(),
                "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode j = JSON.readTree(json.toFile());
        assertThat(j.get("n").asInt()).isEqualTo(50);
        assertThat(j.get("accuracy").asDouble()).isGreaterThan(0.5);
        assertThat(j.get("accuracy").asDouble()).isEqualTo(j.get("javaAccuracy").asDouble());
        assertThat(j.get("agreement").asDouble()).isEqualTo(1.0);
        assertThat(j.get("deadLetters").asInt()).isEqualTo(1);
        assertThat(r.out()).contains("dead letter").contains("99999.bin").contains("@ byte 10");
        for (String field : List.of("baselineAccuracy", "cvAccuracy", "cvBaselineAccuracy")) assertThat(j.get(field).isNumber()).isTrue();

        EventEvaluation.Result reference = EventEvaluation.run(LabelledSamples.load(train), null,
                EventEvaluation.Options.sizes(List.of(200), LsmOptions.defaults(), EventEvaluation.Folds.stratified(2), 1L,
                        ReadoutOptions.defaults()));
        assertThat(j.get("cvAccuracy").asDouble()).isCloseTo(reference.cvAccuracy(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(j.get("cvBaselineAccuracy").asDouble()).isCloseTo(reference.cvBaselineAccuracy(), org.assertj.core.data.Offset.offset(1e-9));

        Path lines = tmp.resolve("pred.jsonl");
        r = CliRun.engram("events", "run", "--input", test.toString(), "--model", model.toString(), "--out", lines.toString(),
                "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String> rows = Files.readAllLines(lines);
        assertThat(rows).hasSize(50);
        long correct = 0;
        for (String row : rows) {
            JsonNode p = JSON.readTree(row);
            assertThat(p.get("scores")).hasSize(10);
            if (p.get("predicted").asInt() == p.get("label").asInt()) correct++;
        }
        assertThat(correct / 50.0).isEqualTo(j.get("accuracy").asDouble());
        assertThat(r.out()).contains("1 dead letters");
    }

    /** The FSDD recordings of {@code speakers} with takes in [from, to], linked (never copied) into {@code dir}. */
    static Path spoken(Path dir, List<String> speakers, int from, int to) throws Exception {
        Path recordings = SharedData.path("audio/fsdd/recordings");
        Files.createDirectories(dir);
        for (String speaker : speakers) {
            for (int digit = 0; digit < 10; digit++) {
                for (int take = from; take <= to; take++) {
                    String name = digit + "_" + speaker + "_" + take + ".wav";
                    Files.createSymbolicLink(dir.resolve(name), recordings.resolve(name).toAbsolutePath());
                }
            }
        }
        return dir;
    }

    @Test
    void evalClassifiesSpokenDigitsWithSpeakersHeldOutAndTheStreamAgrees() throws Exception {
        List<String> speakers = List.of("george", "jackson", "theo");
        Path train = spoken(tmp.resolve("train"), speakers, 10, 13);
        Path test = spoken(tmp.resolve("test"), speakers, 5, 6);
        Path json = tmp.resolve("audio.json");
        CliRun r = CliRun.engram("events", "eval", "--train", train.toString(), "--test", test.toString(), "--folds", "speaker",
                "--neurons", "300", "--json", json.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode j = JSON.readTree(json.toFile());
        assertThat(j.get("foldBy").asText()).isEqualTo("speaker");
        assertThat(j.get("folds").asInt()).isEqualTo(3);
        assertThat(j.get("trainSamples").asInt()).isEqualTo(120);
        assertThat(j.get("n").asInt()).isEqualTo(60);
        assertThat(j.get("agreement").asDouble()).isEqualTo(1.0);
        assertThat(j.get("accuracy").asDouble()).isGreaterThan(0.5);
        assertThat(j.get("cvAccuracy").asDouble()).isGreaterThan(0.2);
        assertThat(j.get("cvBaselineAccuracy").isNumber()).isTrue();
        assertThat(r.out()).contains("speaker-held-out CV (3 folds)");
        r = CliRun.engram("events", "eval", "--train", train.toString(), "--test", test.toString(), "--folds", "speakers");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--folds").contains("speaker");
    }

    /**
     * Zero-shot on a small subset: the JSON has the fields the issue names, as fractions, and the saved
     * model classifies both modalities in the multimodal job.
     */
    @Test
    void zeroshotWritesTheNamedFieldsAndItsModelRunsTheMultimodalJob() throws Exception {
        Path vision = tmp.resolve("vision");
        subset(SharedData.events("nmnist/Train"), vision, 12);
        Path audio = spoken(tmp.resolve("audio"), List.of("jackson", "nicolas"), 5, 10);
        Path json = tmp.resolve("zs.json"), model = tmp.resolve("zs.model");
        CliRun r = CliRun.engram("events", "zeroshot", "--vision", vision.toString(), "--audio", audio.toString(), "--folds", "2",
                "--seeds", "3", "--set", "zeroshot.steps=60", "--set", "zeroshot.hidden=16", "--set", "readout.contrastive.epochs=3",
                "--save-model", model.toString(), "--json", json.toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode j = JSON.readTree(json.toFile());
        for (String field : List.of("seenAccuracy", "unseenAccuracy", "generalizedAccuracy", "chanceSeen", "chanceUnseen",
                "chanceGeneralized", "baselineSeenAccuracy", "baselineUnseenAccuracy", "baselineGeneralizedAccuracy")) {
            assertThat(j.get(field).isNumber()).as(field).isTrue();
            assertThat(j.get(field).asDouble()).as(field).isBetween(0.0, 1.0);
        }
        assertThat(j.get("chanceSeen").asDouble()).isEqualTo(1 / 7.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(j.get("chanceUnseen").asDouble()).isEqualTo(0.5);
        assertThat(j.get("chanceGeneralized").asDouble()).isEqualTo(1 / 9.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(j.get("seenAccuracy").asDouble()).as("seen classes are retrieved above chance").isGreaterThan(0.3);
        assertThat(j.get("seeds").asInt()).isEqualTo(3);

        Path sink = tmp.resolve("mm-out");
        r = CliRun.engram("run", "multimodal", "--vision", vision.toString(), "--audio", audio.toString(),
                "--model", model.toString(), "--sink", "file:" + sink, "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("240 samples");
        List<String> lines = Files.readAllLines(sink.resolve("events/audio/8_nicolas_7.jsonl"));
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.get("modality").asText()).isEqualTo("audio");
        assertThat(line.get("label").asInt()).isEqualTo(8);
        assertThat(line.get("embedding")).hasSize(64);
        assertThat(line.get("scores")).hasSize(10);
        assertThat(Files.list(sink.resolve("events/vision/8")).count()).isEqualTo(12);

        // The same model through 'run events': one folder holding both kinds, each file's modality told by its sensor size.
        Path mixed = tmp.resolve("mixed"), digit;
        try (Stream<Path> s = Files.list(vision.resolve("8"))) {
            digit = s.sorted().findFirst().orElseThrow();
        }
        Files.createDirectories(mixed.resolve("8"));
        Files.copy(digit, mixed.resolve("8").resolve(digit.getFileName()));
        Files.createSymbolicLink(mixed.resolve("8_nicolas_7.wav"), audio.resolve("8_nicolas_7.wav").toRealPath());
        Path viaEvents = tmp.resolve("events-out");
        r = CliRun.engram("run", "events", "--source", "file:" + mixed, "--model", model.toString(), "--sink", "file:" + viaEvents,
                "--work-dir", tmp.resolve("work2").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("2 streams, 2 results");
        String digitName = digit.getFileName().toString().replace(".bin", ".jsonl");
        for (String[] pair : new String[][] {{"8_nicolas_7.jsonl", "events/audio/8_nicolas_7.jsonl"}, {digitName, "events/vision/8/" + digitName}}) {
            Path found;
            try (Stream<Path> s = Files.walk(viaEvents.resolve("events"))) {
                found = s.filter(f -> f.getFileName().toString().equals(pair[0])).findFirst().orElseThrow();
            }
            JsonNode a = JSON.readTree(Files.readAllLines(found).get(0)), b = JSON.readTree(Files.readAllLines(sink.resolve(pair[1])).get(0));
            assertThat(a.get("modality")).isEqualTo(b.get("modality"));
            assertThat(a.get("embedding")).isEqualTo(b.get("embedding"));
            assertThat(a.get("scores")).isEqualTo(b.get("scores"));
            assertThat(a.get("predicted")).isEqualTo(b.get("predicted"));
        }
        r = CliRun.engram("run", "events", "--source", "file:" + mixed, "--model", model.toString(), "--window-ms", "100");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--window-ms").contains("zero-shot");

        // Every pair of the four evaluated classes held out in turn; the pair 8,9 is the main run's own split.
        Path pairs = tmp.resolve("zs-pairs.json");
        r = CliRun.engram("events", "zeroshot", "--vision", vision.toString(), "--audio", audio.toString(), "--folds", "2",
                "--seeds", "2", "--train-classes", "1,2", "--test-classes", "8,9", "--hold-out-pairs", "--set", "zeroshot.steps=40",
                "--set", "zeroshot.hidden=16", "--set", "readout.contrastive.epochs=2", "--json", pairs.toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode p = JSON.readTree(pairs.toFile());
        JsonNode splits = p.get("holdOutPairs").get("splits");
        assertThat(splits).hasSize(6);
        assertThat(splits.get(5).get("testClasses").toString()).isEqualTo("[8,9]");
        assertThat(splits.get(5).get("unseenAccuracy").asDouble()).isEqualTo(p.get("unseenAccuracy").asDouble());
        assertThat(p.get("holdOutPairs").get("meanUnseenAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.out()).contains("held out 1,2: unseen").contains("held-out pairs: mean unseen");
        r = CliRun.engram("events", "zeroshot", "--vision", vision.toString(), "--audio", audio.toString(), "--train-classes", "1",
                "--test-classes", "8", "--hold-out-pairs", "--json", pairs.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--hold-out-pairs needs at least 3 evaluated classes");

        r = CliRun.engram("events", "zeroshot", "--vision", vision.toString(), "--audio", audio.toString(), "--train-classes", "1-7",
                "--test-classes", "7,8", "--json", json.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("class 7 is both");
        r = CliRun.engram("events", "zeroshot", "--vision", vision.toString(), "--audio", audio.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--json");
    }

    @Test
    void runCutsAContinuousRecordingIntoWindowsOfEmbeddings() throws Exception {
        Path dat = SharedData.events("prophesee/dat/ncars_obj_004397_td.dat");
        Path lines = tmp.resolve("emb.jsonl");
        CliRun r = CliRun.engram("events", "run", "--input", dat.toString(), "--window-ms", "20", "--neurons", "100",
                "--out", lines.toString(), "--work-dir", tmp.resolve("work").toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String> rows = Files.readAllLines(lines);
        assertThat(rows).hasSizeBetween(4, 6); // 99.9 ms in 20 ms windows
        long events = 0;
        for (String row : rows) {
            JsonNode p = JSON.readTree(row);
            assertThat(p.get("embedding")).hasSize(300);
            assertThat(p.get("tEndUs").asLong() - p.get("tStartUs").asLong()).isEqualTo(20_000);
            events += p.get("events").asLong();
        }
        assertThat(events).isEqualTo(4407);
    }

    @Test
    void usageErrorsExitTwoWithAMessage() {
        CliRun r = CliRun.engram("events", "stats");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("FILE");
        r = CliRun.engram("events", "stats", "x.raw", "--format", "mp4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("mp4");
        r = CliRun.engram("events", "eval", "--train", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--test");
        r = CliRun.engram("events", "eval", "--train", tmp.toString(), "--test", tmp.toString(), "--folds", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--folds");
        r = CliRun.engram("events", "run", "--input", tmp.toString(), "--out", "x.jsonl", "--window-ms", "-5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--window-ms");
        r = CliRun.engram("bench", "events", "--decode-runs", "0");
        assertThat(r.code()).isEqualTo(2);
        r = CliRun.engram("events");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("stats");
    }

    @Test
    void missingRecordingExitsOneNamingIt() {
        Path missing = tmp.resolve("nothing.raw");
        CliRun r = CliRun.engram("events", "stats", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("engram: error:").contains(missing.toString());
    }
}
