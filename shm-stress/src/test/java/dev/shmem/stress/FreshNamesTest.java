package dev.shmem.stress;

import dev.shmem.SharedRegion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshNamesTest
{
    @Test
    void regionIsDeletedOnlyAfterItsLastNameIsReleased()
    {
        // Take names until one comes from a new region: that seals the region of the others.
        final List<FreshName> names = new ArrayList<>();
        names.add(FreshNames.next());
        while (names.get(names.size() - 1).region() == names.get(0).region())
        {
            final FreshName name = FreshNames.next();
            name.region().longValue(name.name()).set(names.size());
            names.add(name);
        }
        assertTrue(names.size() <= FreshNames.RECORDS_PER_REGION + 1, "a region hands out at most its budget");
        final FreshName last = names.remove(names.size() - 1);
        final SharedRegion sealed = names.get(0).region();
        assertNotSame(sealed, last.region());
        final FreshName kept = names.remove(names.size() - 1);

        names.forEach(FreshName::release);
        assertTrue(Files.exists(sealed.path()), "one name of the sealed region is still held");
        assertEquals(names.size(), kept.region().longValue(kept.name()).get());

        kept.release();
        assertFalse(Files.exists(sealed.path()), "the sealed region should be deleted with its last name");
        assertTrue(sealed.isClosed());
        assertThrows(IllegalStateException.class, kept::release);
        last.release();
    }

    @Test
    void multiNameLeasesStayInOneRegion()
    {
        final List<FreshName> names = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            final FreshName name = FreshNames.next(3);
            for (int n = 0; n < 3; n++)
            {
                name.region().intValue(name.name(n)).set(n);
            }
            names.add(name);
        }
        for (final FreshName name : names)
        {
            for (int n = 0; n < 3; n++)
            {
                assertEquals(n, name.region().intValue(name.name(n)).get());
            }
        }
        names.forEach(FreshName::release);
        assertThrows(IndexOutOfBoundsException.class, () -> names.get(0).name(3));
        assertThrows(IllegalArgumentException.class, () -> FreshNames.next(FreshNames.RECORDS_PER_REGION + 1));
    }

    @Test
    void testHookSharesTheRegionsDirectory()
    {
        final FreshName name = FreshNames.next();
        name.region().longValue(name.name()).set(77);

        final long seen = dev.shmem.internal.TestHook.getOrCreateLong(name.region(), name.name(), 99,
            () -> { throw new AssertionError("the entry exists: no initialiser may run"); });
        assertEquals(77, seen);
        name.release();
    }
}
