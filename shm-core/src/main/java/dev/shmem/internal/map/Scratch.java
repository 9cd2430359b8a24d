package dev.shmem.internal.map;

import org.agrona.ExpandableArrayBuffer;

/**
 * One thread's encoding buffers for one map, reused by every call so a lookup allocates nothing but its result. A
 * call made while the thread's buffers are in use (a map call from inside a compute function) gets fresh ones.
 */
final class Scratch
{
    final ExpandableArrayBuffer key = new ExpandableArrayBuffer(64);
    final ExpandableArrayBuffer value = new ExpandableArrayBuffer(64);
    boolean inUse;

    /**
     * Per-thread scratch buffers of one map.
     */
    static final class PerThread extends ThreadLocal<Scratch>
    {
        @Override
        protected Scratch initialValue()
        {
            return new Scratch();
        }

        /**
         * @return this thread's buffers, marked in use, or fresh ones if they already are.
         */
        Scratch acquire()
        {
            final Scratch scratch = get();
            if (scratch.inUse)
            {
                final Scratch nested = new Scratch();
                nested.inUse = true;
                return nested;
            }
            scratch.inUse = true;
            return scratch;
        }
    }

    void release()
    {
        inUse = false;
    }
}
