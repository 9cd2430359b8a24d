package dev.shmem.demo.sync;

import dev.shmem.SharedEvent;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child of the {@code event} demo: {@code EventWorker REGION wait INDEX TIMEOUT_MILLIS} waits on the event
 * ({@code event.wait()}); {@code EventWorker REGION set DELAY_MILLIS TIMEOUT_MILLIS} sleeps, then sets it.
 */
public final class EventWorker
{
    private EventWorker()
    {
    }

    /**
     * @param args region, role, index or delay, longest wait in ms.
     * @throws Exception if the region cannot be opened, the wait times out, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final long timeoutMillis = Long.parseLong(args[3]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedEvent event = region.event(EventCommand.EVENT);
            if (args[1].equals("set"))
            {
                TimeUnit.MILLISECONDS.sleep(Long.parseLong(args[2]));
                Faults.failIfRequested("before setting the event");
                System.out.println("Setter: setting the event");
                event.set();
                return;
            }
            final int index = Integer.parseInt(args[2]);
            System.out.println("Waiter " + index + ": waiting for the event");
            region.intValue(EventCommand.WAITING).incrementAndGet();
            final long start = System.nanoTime();
            if (!event.await(timeoutMillis, TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException("waiter " + index + ": " + event + " not set within " +
                    timeoutMillis + " ms");
            }
            Faults.failIfRequested("after the event was set");
            System.out.println("Waiter " + index + ": the event is set, woke after " +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            region.intValue(EventCommand.WOKE).incrementAndGet();
        }
    }
}
