// Conversions at the C boundary: strings and times.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace AirbyteCloud {

// Strings cross the C API as NUL-terminated UTF-8, whatever the platform's default encoding.
internal static class Utf8 {
    // null stays null (the C API rejects NULL by name); a NUL inside would silently cut the text.
    internal static byte[] Encode(string text, string argument) {
        if (text == null) return null;
        if (text.IndexOf('\0') >= 0) throw new ArgumentException("The text contains a NUL character.", argument);
        int length = Encoding.UTF8.GetByteCount(text);
        byte[] bytes = new byte[length + 1];
        Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
        return bytes;
    }

    internal static string Decode(IntPtr text) {
        if (text == IntPtr.Zero) return null;
        int length = 0;
        while (Marshal.ReadByte(text, length) != 0) length++;
        return Decode(text, length);
    }

    // `length` bytes of UTF-8 at `text` (not null).
    internal static string Decode(IntPtr text, int length) {
        if (length == 0) return string.Empty;
        byte[] bytes = new byte[length];
        Marshal.Copy(text, bytes, 0, length);
        return Encoding.UTF8.GetString(bytes);
    }

    // The C API's "" for absent text becomes null.
    internal static string NullIfEmpty(string text) {
        return string.IsNullOrEmpty(text) ? null : text;
    }
}

// Times cross the C API as whole milliseconds and Unix seconds.
internal static class Time {
    // Whole milliseconds, rounded up so a positive timeout never becomes 0; negative values stay
    // negative for the C API to reject with a message naming the argument.
    internal static long ToMilliseconds(TimeSpan span) {
        long ticks = span.Ticks;
        if (ticks <= 0) return ticks / TimeSpan.TicksPerMillisecond - (ticks % TimeSpan.TicksPerMillisecond != 0 ? 1 : 0);
        return ticks / TimeSpan.TicksPerMillisecond + (ticks % TimeSpan.TicksPerMillisecond != 0 ? 1 : 0);
    }

    internal static TimeSpan FromMilliseconds(long milliseconds) {
        const long limit = long.MaxValue / TimeSpan.TicksPerMillisecond;
        if (milliseconds > limit) return TimeSpan.MaxValue;
        if (milliseconds < -limit) return TimeSpan.MinValue;
        return TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond);
    }

    // The C API's 0 means unknown.
    internal static DateTimeOffset? FromUnixSeconds(long seconds) {
        if (seconds == 0) return null;
        return new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds);
    }
}

}
