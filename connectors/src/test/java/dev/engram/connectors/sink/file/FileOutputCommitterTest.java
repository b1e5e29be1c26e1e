package dev.engram.connectors.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committer against a real local folder: commits are idempotent, as Flink replays a restored checkpoint's committables. */
class FileOutputCommitterTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void aBatchReplayedAfterItsFileWasAssembledChangesNothingAndDoesNotFail() throws Exception {
        java.nio.file.Path staged = tmp.resolve("_staging/w0-x/0");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "{\"index\":0}\n{\"index\":1}\n");
        List<OutputCommittable> batch = List.of(
                new OutputCommittable(OutputCommittable.Type.PART, "w0-x-0", "frames/cam.jsonl", staged.toUri().toString(), 0, 1),
                new OutputCommittable(OutputCommittable.Type.FINISH, "w0-x-0", "frames/cam.jsonl", null, 0, 0));

        FileOutputCommitter committer = new FileOutputCommitter(new Path(tmp.toUri().toString()));
        List<Request> first = requests(batch);
        committer.commit(new ArrayList<>(first));
        assertThat(first).allMatch(r -> r.outcome.equals("committed"));
        String assembled = Files.readString(tmp.resolve("frames/cam.jsonl"), StandardCharsets.UTF_8);
        assertThat(assembled).isEqualTo("{\"index\":0}\n{\"index\":1}\n");

        List<Request> replay = requests(batch);
        committer.commit(new ArrayList<>(replay));
        assertThat(replay).allMatch(r -> r.outcome.equals("committed"));
        assertThat(Files.readString(tmp.resolve("frames/cam.jsonl"), StandardCharsets.UTF_8)).isEqualTo(assembled);
        assertThat(CommitLog.fileCommits(tmp)).isEmpty();
    }

    @Test
    void aStagedFileThatVanishedBeforeItsCommitFailsAfterTheRetries() throws Exception {
        java.nio.file.Path staged = tmp.resolve("_staging/w0-y/0");
        FileOutputCommitter committer = new FileOutputCommitter(new Path(tmp.toUri().toString()));
        Request r = new Request(new OutputCommittable(OutputCommittable.Type.FILE, "w0-y-0", "masks/cam/00000.png", staged.toUri().toString(), 0, 0));
        r.retries = FileOutputCommitter.RETRIES;
        committer.commit(new ArrayList<>(List.of(r)));
        assertThat(r.outcome).startsWith("failed").contains("is gone and was never committed");
    }

    private static List<Request> requests(List<OutputCommittable> cs) {
        return cs.stream().map(Request::new).toList();
    }

    /** A commit request as Flink's committer operator hands it over, recording how the committer answered. */
    private static final class Request implements CommitRequest<OutputCommittable> {
        final OutputCommittable committable;
        String outcome = "committed";
        int retries;

        Request(OutputCommittable committable) {
            this.committable = committable;
        }

        @Override public OutputCommittable getCommittable() { return committable; }
        @Override public int getNumberOfRetries() { return retries; }
        @Override public void signalFailedWithKnownReason(Throwable t) { outcome = "failed: " + t.getMessage(); }
        @Override public void signalFailedWithUnknownReason(Throwable t) { outcome = "failed: " + t.getMessage(); }
        @Override public void retryLater() { outcome = "retry"; }
        @Override public void updateAndRetryLater(OutputCommittable committable) { outcome = "retry"; }
        @Override public void signalAlreadyCommitted() { outcome = "committed"; }
    }
}
