package dev.shmem.demo.stat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.shmem.inspect.Deadlock;
import dev.shmem.inspect.RegionSnapshot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code stat --json}: one JSON document per view, on one line (so {@code --watch} gives JSON Lines), streamed
 * with Jackson's generator so a region of a million entries is written without a tree in memory. Field names are
 * stable and listed in shm-demo/README.md ("stat --json").
 */
final class StatJson
{
    /** Version of the document's shape; bumped only when a field changes meaning or disappears. */
    static final int SCHEMA = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private StatJson()
    {
    }

    /**
     * @param snapshot what to write.
     * @param out      where (one line).
     */
    static void write(final RegionSnapshot snapshot, final PrintWriter out)
    {
        try
        {
            final JsonGenerator json = FACTORY.createGenerator(out);
            json.writeStartObject();
            json.writeNumberField("schema", SCHEMA);
            header(json, snapshot.header());
            json.writeArrayFieldStart("entries");
            for (final RegionSnapshot.Entry entry : snapshot.entries())
            {
                json.writeStartObject();
                json.writeStringField("name", entry.name());
                json.writeStringField("kind", entry.kind());
                json.writeNumberField("length", entry.length());
                json.writeNumberField("offset", entry.offset());
                json.writeNumberField("bytes", entry.bytes());
                json.writeStringField("summary", entry.summary());
                json.writeEndObject();
            }
            json.writeEndArray();
            locks(json, snapshot);
            semaphores(json, snapshot);
            queues(json, snapshot);
            processes(json, snapshot);
            deadlocks(json, snapshot);
            json.writeEndObject();
            json.flush();
            out.println();
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void header(final JsonGenerator json, final RegionSnapshot.Header header) throws IOException
    {
        json.writeObjectFieldStart("region");
        json.writeStringField("path", header.path().toString());
        json.writeNumberField("formatVersion", header.formatVersion());
        json.writeNumberField("capacity", header.capacity());
        json.writeNumberField("dataCapacity", header.dataCapacity());
        json.writeNumberField("usedBytes", header.usedBytes());
        json.writeNumberField("directorySlots", header.directorySlots());
        json.writeNumberField("processSlots", header.processSlots());
        json.writeNumberField("creatorPid", header.creatorPid());
        json.writeStringField("createdAt", header.createdAt().toString());
        json.writeEndObject();
    }

    private static void locks(final JsonGenerator json, final RegionSnapshot snapshot) throws IOException
    {
        json.writeArrayFieldStart("locks");
        for (final RegionSnapshot.Lock lock : snapshot.locks())
        {
            json.writeStartObject();
            json.writeStringField("name", lock.name());
            json.writeBooleanField("reentrant", lock.reentrant());
            json.writeBooleanField("held", lock.held());
            json.writeNumberField("holderPid", lock.holderPid());
            json.writeBooleanField("holderAlive", lock.holderAlive());
            json.writeNumberField("holderThread", lock.holderThread());
            json.writeNumberField("holdCount", lock.holdCount());
            json.writeNumberField("waiters", lock.waiters());
            json.writeBooleanField("consistent", !lock.inconsistent());
            json.writeNumberField("takeovers", lock.takeovers());
            json.writeNumberField("lastDeadOwnerPid", lock.deadOwnerPid());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void semaphores(final JsonGenerator json, final RegionSnapshot snapshot) throws IOException
    {
        json.writeArrayFieldStart("semaphores");
        for (final RegionSnapshot.Semaphore semaphore : snapshot.semaphores())
        {
            json.writeStartObject();
            json.writeStringField("name", semaphore.name());
            json.writeBooleanField("bounded", semaphore.bounded());
            json.writeNumberField("available", semaphore.available());
            json.writeNumberField("initial", semaphore.initial());
            json.writeNumberField("waiters", semaphore.waiters());
            json.writeNumberField("recovered", semaphore.recovered());
            json.writeArrayFieldStart("holders");
            for (final RegionSnapshot.Holder holder : semaphore.holders())
            {
                json.writeStartObject();
                json.writeNumberField("slot", holder.slot());
                json.writeNumberField("pid", holder.pid());
                json.writeBooleanField("alive", holder.alive());
                json.writeNumberField("permits", holder.permits());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void queues(final JsonGenerator json, final RegionSnapshot snapshot) throws IOException
    {
        json.writeArrayFieldStart("queues");
        for (final RegionSnapshot.Queue queue : snapshot.queues())
        {
            json.writeStartObject();
            json.writeStringField("name", queue.name());
            json.writeNumberField("slots", queue.slots());
            json.writeNumberField("maxMessageBytes", queue.maxMessageBytes());
            json.writeNumberField("size", queue.size());
            json.writeNumberField("offered", queue.tail());
            json.writeNumberField("taken", queue.head());
            json.writeBooleanField("closed", queue.closed());
            json.writeBooleanField("endOfStream", queue.endOfStream());
            json.writeNumberField("consumersWaiting", queue.consumersWaiting());
            json.writeNumberField("producersWaiting", queue.producersWaiting());
            json.writeNumberField("skippedAfterDeadProducers", queue.skipped());
            json.writeNumberField("lostWithDeadConsumers", queue.lost());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void processes(final JsonGenerator json, final RegionSnapshot snapshot) throws IOException
    {
        json.writeArrayFieldStart("processes");
        for (final RegionSnapshot.Process process : snapshot.processes())
        {
            json.writeStartObject();
            json.writeNumberField("slot", process.slot());
            json.writeNumberField("pid", process.pid());
            json.writeNumberField("generation", process.generation());
            json.writeBooleanField("alive", process.alive());
            json.writeStringField("attachedAt", process.attachedAt().toString());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void deadlocks(final JsonGenerator json, final RegionSnapshot snapshot) throws IOException
    {
        json.writeArrayFieldStart("deadlocks");
        for (final Deadlock deadlock : snapshot.deadlocks())
        {
            json.writeStartObject();
            json.writeBooleanField("throughDeadProcess", deadlock.throughDeadProcess());
            json.writeArrayFieldStart("threads");
            for (final Deadlock.DeadlockedThread thread : deadlock.threads())
            {
                json.writeStartObject();
                json.writeNumberField("pid", thread.pid());
                json.writeBooleanField("alive", thread.alive());
                json.writeNumberField("threadId", thread.threadId());
                json.writeStringField("threadName", thread.threadName());
                json.writeStringField("holds", thread.holds());
                json.writeStringField("waitsFor", thread.waitsFor());
                json.writeStringField("since", thread.since().toString());
                json.writeNumberField("waitedMillis", thread.waited().toMillis());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
