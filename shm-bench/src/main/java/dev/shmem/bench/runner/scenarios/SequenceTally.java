package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLongArray;

/**
 * Per producer: how many sequence numbers, their sum, and the sum of a 64-bit hash of each (murmur3's
 * finaliser). A producer tallies what it sent and each consumer what it received; the parent sums them. Equal
 * counts, sums and hash sums mean the same multiset of sequence numbers, except with a probability of about
 * 2^-64: with the consumers' own check that each producer's numbers arrive strictly increasing, every message
 * arrived exactly once.
 */
final class SequenceTally
{
    /** Longs per producer in the shared array. */
    static final int FIELDS = 3;

    private final long[] counts;
    private final long[] sums;
    private final long[] hashes;

    SequenceTally(final int producers)
    {
        counts = new long[producers];
        sums = new long[producers];
        hashes = new long[producers];
    }

    void add(final int producer, final long sequence)
    {
        counts[producer]++;
        sums[producer] += sequence;
        hashes[producer] += mix(sequence);
    }

    void addAll(final SequenceTally other)
    {
        for (int p = 0; p < counts.length; p++)
        {
            counts[p] += other.counts[p];
            sums[p] += other.sums[p];
            hashes[p] += other.hashes[p];
        }
    }

    long count(final int producer)
    {
        return counts[producer];
    }

    /**
     * @param array the scenario's tally array, {@code rows * producers * FIELDS} long.
     * @param row   the writing child's index.
     */
    void writeTo(final SharedLongArray array, final int row)
    {
        for (int p = 0; p < counts.length; p++)
        {
            final int at = (row * counts.length + p) * FIELDS;
            array.set(at, counts[p]);
            array.set(at + 1, sums[p]);
            array.set(at + 2, hashes[p]);
        }
    }

    static SequenceTally readFrom(final SharedLongArray array, final int row, final int producers)
    {
        final SequenceTally tally = new SequenceTally(producers);
        for (int p = 0; p < producers; p++)
        {
            final int at = (row * producers + p) * FIELDS;
            tally.counts[p] = array.get(at);
            tally.sums[p] = array.get(at + 1);
            tally.hashes[p] = array.get(at + 2);
        }
        return tally;
    }

    /**
     * @param sent what the producers sent.
     * @throws IllegalStateException naming the producer and the difference if this (what arrived) differs.
     */
    void expectSameAs(final SequenceTally sent)
    {
        for (int p = 0; p < counts.length; p++)
        {
            if (counts[p] != sent.counts[p] || sums[p] != sent.sums[p] || hashes[p] != sent.hashes[p])
            {
                throw new IllegalStateException("producer " + p + " sent " + sent.counts[p] + " messages, " +
                    counts[p] + " arrived" + (counts[p] == sent.counts[p] ?
                    " but not the same ones (sum of sequence numbers " + sums[p] + ", expected " + sent.sums[p] +
                        ")" : ""));
            }
        }
    }

    private static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
