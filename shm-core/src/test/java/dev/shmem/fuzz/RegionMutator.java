package dev.shmem.fuzz;

import dev.shmem.internal.liveness.ProcessTableDescriptor;
import dev.shmem.internal.region.DirectoryDescriptor;
import dev.shmem.internal.region.HeaderDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes a mutant of a valid region file: one to three mutations of its header, process table, directory index,
 * directory records or entry data (extreme values, bit flips, overlapping records), or a truncation. Deterministic
 * for a given {@link Random}, so a mutant is replayed from the run's seed and its index.
 */
final class RegionMutator
{
    private static final int[][] HEADER_FIELDS = {
        { HeaderDescriptor.MAGIC_OFFSET, 8 }, { HeaderDescriptor.FORMAT_VERSION_OFFSET, 4 },
        { HeaderDescriptor.LAYOUT_OFFSET, 4 }, { HeaderDescriptor.CAPACITY_OFFSET, 8 },
        { HeaderDescriptor.STATE_OFFSET, 4 }, { HeaderDescriptor.PROCESS_SLOTS_OFFSET, 4 },
        { HeaderDescriptor.PROCESS_TABLE_OFFSET_OFFSET, 8 }, { HeaderDescriptor.INDEX_OFFSET_OFFSET, 8 },
        { HeaderDescriptor.INDEX_SLOTS_OFFSET, 4 }, { HeaderDescriptor.MAX_ENTRIES_OFFSET, 4 },
        { HeaderDescriptor.DATA_OFFSET_OFFSET, 8 }, { HeaderDescriptor.ALLOC_POINTER_OFFSET, 8 },
        { HeaderDescriptor.RECORDS_OFFSET_OFFSET, 8 }, { HeaderDescriptor.RECORDS_USED_OFFSET, 4 },
    };
    private static final int[][] SLOT_FIELDS = {
        { ProcessTableDescriptor.PID_OFFSET, 8 }, { ProcessTableDescriptor.START_TIME_OFFSET, 8 },
        { ProcessTableDescriptor.GENERATION_OFFSET, 4 }, { ProcessTableDescriptor.PREVIOUS_PID_OFFSET, 8 },
    };
    private static final int[][] RECORD_FIELDS = {
        { DirectoryDescriptor.STATE_OFFSET, 8 }, { DirectoryDescriptor.TYPE_OFFSET, 4 },
        { DirectoryDescriptor.NAME_LENGTH_OFFSET, 4 }, { DirectoryDescriptor.DATA_OFFSET_OFFSET, 8 },
        { DirectoryDescriptor.LENGTH_OFFSET, 8 }, { DirectoryDescriptor.PARAMETER_OFFSET, 8 },
        { DirectoryDescriptor.DATA_BYTES_OFFSET, 8 }, { DirectoryDescriptor.NAME_HASH_OFFSET, 4 },
        { DirectoryDescriptor.NAME_OFFSET, 4 },
    };

    private final byte[] template;
    private final ByteBuffer view;
    private final int processSlots;
    private final int processTable;
    private final int index;
    private final int indexSlots;
    private final int records;
    private final int recordsUsed;
    private final long alloc;

    RegionMutator(final byte[] template)
    {
        this.template = template;
        this.view = ByteBuffer.wrap(template).order(ByteOrder.nativeOrder());
        this.processSlots = view.getInt(HeaderDescriptor.PROCESS_SLOTS_OFFSET);
        this.processTable = (int)view.getLong(HeaderDescriptor.PROCESS_TABLE_OFFSET_OFFSET);
        this.index = (int)view.getLong(HeaderDescriptor.INDEX_OFFSET_OFFSET);
        this.indexSlots = view.getInt(HeaderDescriptor.INDEX_SLOTS_OFFSET);
        this.records = (int)view.getLong(HeaderDescriptor.RECORDS_OFFSET_OFFSET);
        this.recordsUsed = view.getInt(HeaderDescriptor.RECORDS_USED_OFFSET);
        this.alloc = view.getLong(HeaderDescriptor.ALLOC_POINTER_OFFSET);
    }

    /**
     * @param random the mutant's random source.
     * @param what receives a description of each mutation.
     * @return the mutant's bytes (possibly shorter than the template).
     */
    byte[] mutate(final Random random, final List<String> what)
    {
        final byte[] bytes = template.clone();
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            final int kind = random.nextInt(8);
            switch (kind)
            {
                case 0:
                    field(b, random, 0, HEADER_FIELDS[random.nextInt(HEADER_FIELDS.length)], "header", what);
                    break;
                case 1:
                    field(b, random, processTable + random.nextInt(Math.min(processSlots, 4)) *
                        ProcessTableDescriptor.SLOT_LENGTH, SLOT_FIELDS[random.nextInt(SLOT_FIELDS.length)],
                        "process slot", what);
                    break;
                case 2:
                    indexWord(b, random, what);
                    break;
                case 3:
                    field(b, random, record(random), RECORD_FIELDS[random.nextInt(RECORD_FIELDS.length)], "record",
                        what);
                    break;
                case 4:
                    entryData(b, random, what);
                    break;
                case 5:
                {
                    final int at = random.nextInt((int)Math.min(alloc, bytes.length));
                    final int bit = random.nextInt(8);
                    bytes[at] ^= (byte)(1 << bit);
                    what.add("flip bit " + bit + " of byte " + at);
                    break;
                }
                case 6:
                    overlap(b, random, what);
                    break;
                default:
                {
                    final int length = random.nextBoolean() ? random.nextInt(HeaderDescriptor.HEADER_LENGTH * 2) :
                        random.nextInt(bytes.length);
                    what.add("truncate to " + length + " bytes");
                    return Arrays.copyOf(bytes, length);
                }
            }
        }
        return bytes;
    }

    private int record(final Random random)
    {
        return records + random.nextInt(Math.max(1, recordsUsed)) * DirectoryDescriptor.RECORD_LENGTH;
    }

    private void indexWord(final ByteBuffer b, final Random random, final List<String> what)
    {
        final List<Integer> published = new ArrayList<>();
        for (int i = 0; i < indexSlots; i++)
        {
            if (DirectoryDescriptor.isPublished(view.getLong(index + i * 8)))
            {
                published.add(i);
            }
        }
        final int word = published.isEmpty() || random.nextInt(4) == 0 ?
            random.nextInt(indexSlots) : published.get(random.nextInt(published.size()));
        final int at = index + word * 8;
        final long old = b.getLong(at);
        final long value;
        switch (random.nextInt(4))
        {
            case 0:
                value = (old & 0xFFFF_FFFF_0000_0000L) | (random.nextInt(recordsUsed + 3) + 1);
                break;
            case 1:
                value = old ^ (1L << (32 + random.nextInt(32)));
                break;
            case 2:
                value = b.getLong(index + random.nextInt(indexSlots) * 8);
                break;
            default:
                value = extreme(random, old, 8);
                break;
        }
        b.putLong(at, value);
        what.add(String.format("index word %d: 0x%X -> 0x%X", word, old, value));
    }

    private void entryData(final ByteBuffer b, final Random random, final List<String> what)
    {
        final int record = record(random);
        final long dataOffset = view.getLong(record + DirectoryDescriptor.DATA_OFFSET_OFFSET);
        final long dataBytes = view.getLong(record + DirectoryDescriptor.DATA_BYTES_OFFSET);
        if (dataBytes < 4)
        {
            return;
        }
        final int words = (int)Math.min(dataBytes, 512) / 4;
        final int at = (int)dataOffset + random.nextInt(words) * 4;
        final int size = at % 8 == 0 && random.nextBoolean() && at + 8 <= dataOffset + dataBytes ? 8 : 4;
        field(b, random, at, new int[]{ 0, size }, "entry data of record at " + record, what);
    }

    private void overlap(final ByteBuffer b, final Random random, final List<String> what)
    {
        final int victim = record(random);
        final int other = record(random);
        final long target = view.getLong(other + DirectoryDescriptor.DATA_OFFSET_OFFSET) +
            (random.nextBoolean() ? 0 : 128L * (random.nextInt(3) - 1));
        b.putLong(victim + DirectoryDescriptor.DATA_OFFSET_OFFSET, target);
        what.add("record at " + victim + " data offset -> " + target + " (record at " + other + ")");
    }

    private static void field(final ByteBuffer b, final Random random, final int base, final int[] field,
        final String area, final List<String> what)
    {
        final int at = base + field[0];
        if (at < 0 || at + field[1] > b.capacity())
        {
            return;
        }
        final long old = field[1] == 8 ? b.getLong(at) : b.getInt(at);
        final long value = extreme(random, old, field[1]);
        if (field[1] == 8)
        {
            b.putLong(at, value);
        }
        else
        {
            b.putInt(at, (int)value);
        }
        what.add(area + " field +" + field[0] + " at " + at + ": " + old + " -> " + (field[1] == 8 ? value : (int)value));
    }

    private static long extreme(final Random random, final long old, final int size)
    {
        switch (random.nextInt(14))
        {
            case 0:
                return 0;
            case 1:
                return -1;
            case 2:
                return 1;
            case 3:
                return size == 8 ? Long.MAX_VALUE : Integer.MAX_VALUE;
            case 4:
                return size == 8 ? Long.MIN_VALUE : Integer.MIN_VALUE;
            case 5:
                return 0x7FFF_FFFF_FFFF_FF80L;
            case 6:
                return old + 1;
            case 7:
                return old - 1;
            case 8:
                return old + 128;
            case 9:
                return old - 128;
            case 10:
                return old << 1;
            case 11:
                return old ^ (1L << random.nextInt(size * 8));
            case 12:
                return random.nextInt(1 << 20);
            default:
                return random.nextLong();
        }
    }
}
