package dev.shmem.internal.queue;

import dev.shmem.internal.wait.EventCountDescriptor;

import org.agrona.BitUtil;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a queue entry: producer and consumer counters on lines of their own, two event counts, then a ring
 * of slots.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+    0
 *  |     Tail (8 bytes): next producer position; bit 63 CLOSED     |
 *  +---------------------------------------------------------------+    8
 *  |                        Pad to 128                             |
 *  +---------------------------------------------------------------+  128
 *  |           Head (8 bytes): next consumer position              |
 *  +---------------------------------------------------------------+  136
 *  |                        Pad to 256                             |
 *  +-------------------------------+-------------------------------+  256
 *  |  Not-Empty Sequence (futex)   |      Not-Empty Waiters        |
 *  +-------------------------------+-------------------------------+  264
 *  |   Not-Empty Wake Pending      |           Reserved            |
 *  +-------------------------------+-------------------------------+  272
 *  |   Not-Full Sequence (futex)   |       Not-Full Waiters        |
 *  +-------------------------------+-------------------------------+  280
 *  |    Not-Full Wake Pending      |           Reserved            |
 *  +-------------------------------+-------------------------------+  288
 *  |             Slots             |       Max Message Bytes       |
 *  +-------------------------------+-------------------------------+  296
 *  |          Slot Stride          |           Reserved            |
 *  +-------------------------------+-------------------------------+  304
 *  |      Positions skipped after a dead producer (8 bytes)        |
 *  +---------------------------------------------------------------+  312
 *  |     Messages lost with a dead consumer (8 bytes)              |
 *  +---------------------------------------------------------------+  320
 *  |                        Pad to 384                             |
 *  +---------------------------------------------------------------+  384
 *  |  Slot[0]: Sequence (8) | Length (4) | Reserved (4) | Payload  |
 *  |  ... Slot Stride bytes each = align(16 + max message, 8)      |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>{@code Slots} is a power of two (the factory rounds the requested count up), so a position's slot is
 * {@code position & (slots - 1)}.
 *
 * <p>A slot's {@code Sequence} word holds a claimer id in its top 24 bits (0, or the process slot + 1 and
 * generation of the process writing or reading the slot) and a 40-bit position, compared modulo 2^40. For
 * position {@code p} in slot {@code p % slots}: {@code (0, p)} free for a producer, {@code (producer, p)} being
 * written, {@code (0, p + 1)} published, {@code (consumer, p + 1)} being read, {@code (0, p + slots)} free for
 * the next round. A claim is a CAS on the word; a publish or free is a release store of it.
 */
public final class QueueDescriptor
{
    public static final int TAIL_OFFSET = 0;
    public static final int HEAD_OFFSET = 128;
    public static final int NOT_EMPTY_OFFSET = 256;
    public static final int NOT_EMPTY_SEQUENCE_OFFSET = NOT_EMPTY_OFFSET + EventCountDescriptor.SEQUENCE_OFFSET;
    public static final int NOT_EMPTY_WAITERS_OFFSET = NOT_EMPTY_OFFSET + EventCountDescriptor.WAITERS_OFFSET;
    public static final int NOT_FULL_OFFSET = NOT_EMPTY_OFFSET + 16;
    public static final int NOT_FULL_SEQUENCE_OFFSET = NOT_FULL_OFFSET + EventCountDescriptor.SEQUENCE_OFFSET;
    public static final int NOT_FULL_WAITERS_OFFSET = NOT_FULL_OFFSET + EventCountDescriptor.WAITERS_OFFSET;
    public static final int SLOTS_OFFSET = NOT_FULL_OFFSET + 16;
    public static final int MAX_MESSAGE_BYTES_OFFSET = SLOTS_OFFSET + SIZE_OF_INT;
    public static final int SLOT_STRIDE_OFFSET = MAX_MESSAGE_BYTES_OFFSET + SIZE_OF_INT;
    public static final int SKIPPED_OFFSET = SLOT_STRIDE_OFFSET + 2 * SIZE_OF_INT;
    public static final int LOST_OFFSET = SKIPPED_OFFSET + SIZE_OF_LONG;
    public static final int SLOTS_START = 384;

    public static final int SLOT_SEQUENCE_OFFSET = 0;
    public static final int SLOT_LENGTH_OFFSET = SLOT_SEQUENCE_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_PAYLOAD_OFFSET = 16;
    /** Length of a slot whose producer died: consumers skip it. */
    public static final int TOMBSTONE = -1;

    public static final long CLOSED_BIT = 1L << 63;
    public static final int POSITION_BITS = 40;
    public static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    /**
     * Slots are 8-byte aligned, not line aligned: small messages share a cache line (an 8-byte message takes 24
     * bytes), so that a line moves between producer and consumer once per two or three messages, as in a ring
     * buffer of packed records. (Files made before this choice have 64-byte aligned slots: the stride is read from
     * the entry, checked, and used.)
     */
    public static final int SLOT_ALIGNMENT = 8;
    public static final int MIN_SLOTS = 2;
    public static final int MAX_SLOTS = 1 << 24;
    public static final int MAX_MESSAGE_BYTES = 16 << 20;
    /** The claimer id holds process slot + 1 in 8 bits (above 16 bits of generation). */
    public static final int MAX_PROCESS_SLOTS = 255;

    private QueueDescriptor()
    {
    }

    /**
     * @param maxMessageBytes largest message.
     * @return bytes per slot.
     */
    public static int slotStride(final int maxMessageBytes)
    {
        return BitUtil.align(SLOT_PAYLOAD_OFFSET + maxMessageBytes, SLOT_ALIGNMENT);
    }

    /**
     * @param slots           ring slots.
     * @param maxMessageBytes largest message.
     * @return bytes of the whole entry.
     */
    public static long length(final long slots, final long maxMessageBytes)
    {
        return SLOTS_START + slots * slotStride((int)maxMessageBytes);
    }
}
