package dev.engram.connectors.source.frames;

import dev.engram.connectors.source.reader.SplitCursor;
import dev.engram.connectors.source.split.StreamSplit;
import dev.engram.operators.DeadLetter;
import dev.engram.operators.InputRecord;
import dev.engram.operators.LabeledFrame;
import dev.engram.vos.Frame;
import dev.engram.vos.Mask;
import dev.engram.vos.io.DavisFolder;
import dev.engram.vos.io.DavisSequence;
import dev.engram.vos.io.ImageFiles;
import dev.engram.vos.io.MaskFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Frames of a DAVIS-layout sequence (split location = the DAVIS root, parameter {@code sequence}),
 * read by index: a restore seeks straight to its position. The sequence's first mask annotates frame
 * 0; its later masks travel as ground truth for scoring; masks in the split's mask folder annotate
 * the frames they name (objects joining later).
 *
 * <p>Failure behaviour: a frame that cannot be read or decoded becomes a dead letter carrying the
 * file's bytes and the stream goes on; an unusable first mask drops frame 0 with a dead letter (the
 * operator then dead-letters frames until an annotation arrives); an unusable ground-truth mask is
 * dead-lettered and its frame segmented unscored.
 */
final class ImageSequenceCursor implements SplitCursor<LabeledFrame> {
    private final StreamSplit split;
    private final DavisSequence sequence;
    private final AnnotationMasks extra;
    private long position;

    ImageSequenceCursor(StreamSplit split) {
        this.split = split;
        this.sequence = DavisFolder.open(Path.of(split.location()), split.parameter("sequence", split.streamId()));
        this.extra = new AnnotationMasks(split.masks());
        this.position = split.position();
    }

    @Override
    public InputRecord<LabeledFrame> next() {
        int i = (int) Math.min(Integer.MAX_VALUE, position);
        if (i >= sequence.size()) return null;
        position++;
        String id = split.streamId();
        Path file = sequence.frames().get(i);
        Frame frame;
        try {
            frame = ImageFiles.readFrame(file, id, i);
        } catch (RuntimeException e) {
            return InputRecord.dead(unreadable(id, i, file, e));
        }
        frame.timestampMs = i * 40L;
        Mask truth = null;
        DeadLetter problem = null;
        Path maskFile = sequence.maskPath(i);
        if (maskFile != null) {
            try {
                truth = MaskFiles.read(maskFile, frame.width, frame.height);
            } catch (RuntimeException e) {
                problem = unreadable(id, i, maskFile, e);
                if (i == 0) {
                    problem.reason = "annotation unusable, frame dropped: " + problem.reason;
                    return InputRecord.dead(problem);
                }
                problem.reason = "ground truth unusable, frame segmented without scoring: " + problem.reason;
            }
        }
        if (i == 0 && truth != null) frame.withAnnotation(truth);
        AnnotationMasks.Result added = extra.read(id, i, frame.width, frame.height);
        if (added.mask() != null) frame.withAnnotation(added.mask());
        if (problem == null) problem = added.deadLetter();
        return InputRecord.withProblem(id, new LabeledFrame(frame, truth), problem);
    }

    private static DeadLetter unreadable(String streamId, long index, Path file, RuntimeException e) {
        DeadLetter d = new DeadLetter(streamId, index, file.toString(), AnnotationMasks.message(e)).at("source");
        try {
            d.withBytes(Files.readAllBytes(file), 0);
        } catch (IOException gone) {
            // unreadable file: the reason names it, no bytes to keep
        }
        return d;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {}
}
