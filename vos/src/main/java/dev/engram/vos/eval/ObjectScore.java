package dev.engram.vos.eval;

/** J and F statistics of one object over the evaluated frames of a sequence. */
public record ObjectScore(int objectId, SeriesStatistics j, SeriesStatistics f) {
    /** (J mean + F mean) / 2. */
    public double jf() {
        return (j.mean() + f.mean()) / 2;
    }
}
