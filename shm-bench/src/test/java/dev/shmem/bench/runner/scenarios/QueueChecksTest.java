package dev.shmem.bench.runner.scenarios;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks the queue scenarios rely on can fail: a lost, duplicated, foreign or torn message is caught.
 */
class QueueChecksTest
{
    @Test
    void sameMessagesPassInAnyOrderAndSplitAmongConsumers()
    {
        final SequenceTally sent = tally(0, 0, 1, 2, 3);
        final SequenceTally first = tally(0, 1, 3);
        final SequenceTally second = tally(0, 0, 2);
        first.addAll(second);
        assertDoesNotThrow(() -> first.expectSameAs(sent));
    }

    @Test
    void lostMessageFails()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> tally(0, 0, 1, 3).expectSameAs(tally(0, 0, 1, 2, 3)));
        assertTrue(ex.getMessage().contains("sent 4 messages, 3 arrived"), ex.getMessage());
    }

    @Test
    void duplicateInsteadOfAnotherFailsEvenWithTheSameCountAndSum()
    {
        // {0, 0, 3, 3} has the count and the sum of {0, 1, 2, 3}: only the hash sum tells them apart.
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> tally(0, 0, 0, 3, 3).expectSameAs(tally(0, 0, 1, 2, 3)));
        assertTrue(ex.getMessage().contains("not the same ones"), ex.getMessage());
    }

    @Test
    void messagesOfAnotherProducerDoNotCount()
    {
        final SequenceTally arrived = new SequenceTally(2);
        arrived.add(1, 0);
        final SequenceTally sent = new SequenceTally(2);
        sent.add(0, 0);
        assertThrows(IllegalStateException.class, () -> arrived.expectSameAs(sent));
    }

    @Test
    void idCarriesProducerAndSequence()
    {
        final long id = QueueMessage.id(3, 123_456_789_012L);
        assertEquals(3, QueueMessage.producerOf(id));
        assertEquals(123_456_789_012L, QueueMessage.sequenceOf(id));
    }

    @Test
    void tornOrWrongLengthMessageFails()
    {
        final byte[] message = new byte[1024];
        final long id = QueueMessage.id(1, 42);
        QueueMessage.putLong(message, 0, id);
        QueueMessage.putLong(message, message.length - 8, id);
        assertEquals(id, QueueMessage.checkedId(message, 1024));
        QueueMessage.putLong(message, message.length - 8, QueueMessage.id(1, 41));
        assertThrows(IllegalStateException.class, () -> QueueMessage.checkedId(message, 1024));
        assertThrows(IllegalStateException.class, () -> QueueMessage.checkedId(new byte[8], 1024));
    }

    private static SequenceTally tally(final int producer, final long... sequences)
    {
        final SequenceTally tally = new SequenceTally(producer + 1);
        for (final long sequence : sequences)
        {
            tally.add(producer, sequence);
        }
        return tally;
    }
}
