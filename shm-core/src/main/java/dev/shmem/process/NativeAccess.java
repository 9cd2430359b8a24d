package dev.shmem.process;

import java.lang.reflect.Method;

/**
 * Whether this JVM lets the unnamed module call native code without a warning (JDK 22+
 * {@code Module.isNativeAccessEnabled()}, from {@code --enable-native-access=ALL-UNNAMED} or a jar manifest's
 * {@code Enable-Native-Access: ALL-UNNAMED}); false on JDKs without the method.
 */
final class NativeAccess
{
    private NativeAccess()
    {
    }

    static boolean enabledForUnnamedModule()
    {
        try
        {
            final Method enabled = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean)enabled.invoke(NativeAccess.class.getModule());
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            // JDK 17 to 21: no such method, and no warning to avoid.
            return false;
        }
    }
}
