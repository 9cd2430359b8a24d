package dev.shmem;

import dev.shmem.internal.wait.Sleepers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SleepersTest
{
    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxUsesTheFutexNotTheFallback()
    {
        assertNull(Sleepers.fallbackReason(), "futex unavailable: " + Sleepers.fallbackReason());
        assertEquals("futex", Sleepers.get().describe());
    }
}
