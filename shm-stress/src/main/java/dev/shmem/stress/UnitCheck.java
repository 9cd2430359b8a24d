package dev.shmem.stress;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@code StressTestClassesTest} (the unit test that runs every jcstress test class without jcstress) runs
 * this class's actors. Without it: one after the other, 200 times.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UnitCheck
{
    /**
     * @return true to run the actors of a state in threads of their own, started together: for tests whose
     *         actors wait for each other (a {@link Rendezvous}, or a lock one actor holds while the other waits).
     */
    boolean actorsTogether() default false;

    /**
     * @return how many states to run (fewer for tests whose every sample takes long).
     */
    int runs() default 200;
}
