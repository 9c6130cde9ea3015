// Error messages in C#'s names: the library's C messages begin with the C function
// ("abc_connection_get: ...") and its hints name C calls; a C# caller reads the method it called
// ("Workspace.GetConnection: ...") and the C# members instead.
using System;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AirbyteCloud {

internal static class MethodNames {
    static readonly Regex CPrefix = new Regex(@"^(abc_[a-z0-9_]+: )+");
    static readonly Tuple<Regex, string>[] CCalls = {
        Tuple.Create(new Regex(@"abc_dataset_options_set_secret\((options, \w+, value\) \(or _set_secret_env / _set_secret_file\)|\))"),
                     "DatasetOptions.SetSecret (or SetSecretFromEnvironment / SetSecretFromFile)"),
        Tuple.Create(new Regex(@"abc_options_set_config_api_url\(\)"), "ClientOptions.ConfigApiUrl"),
        Tuple.Create(new Regex(@"abc_dataset_cursor_is_null"), "DatasetCursor.IsNull"),
        Tuple.Create(new Regex(@"abc_dataset_cursor_next"), "DatasetCursor.Read"),
    };

    // `message` (from the C library) for the caller of this library's method on the stack.
    internal static string CSharpMessage(string message) {
        string text = CPrefix.Replace(message ?? "", "");
        foreach (var call in CCalls) text = call.Item1.Replace(text, call.Item2);
        string method = CalledMethod();
        if (method == null || text.StartsWith(method + ":", StringComparison.Ordinal)) return text;
        return text.Length == 0 ? method + " failed" : method + ": " + text;
    }

    // "Workspace.GetConnection": the outermost public member of this assembly on the stack below
    // the caller's code (a *Async method's lambda counts as that method); null when unknown.
    static string CalledMethod() {
        Assembly ours = typeof(MethodNames).Assembly;
        string method = null;
        foreach (StackFrame frame in new StackTrace(1, false).GetFrames() ?? new StackFrame[0]) {
            MethodBase member = frame.GetMethod();
            Type type = member == null ? null : member.DeclaringType;
            if (type == null || type.Assembly != ours) {
                if (method != null) break; // the caller's code (or the thread pool running a *Async call)
                continue;                  // the native transition below the library's frames
            }
            method = PublicName(type, member) ?? method;
        }
        return method;
    }

    // "Type.Member" for a public member of a public type (a lambda or iterator as the member
    // it is written in; a property accessor as the property); null otherwise.
    static string PublicName(Type type, MethodBase member) {
        string name = member.Name;
        while (type.Name.StartsWith("<", StringComparison.Ordinal) && type.DeclaringType != null) {
            if (type.Name.IndexOf('>') > 1) name = type.Name.Substring(1, type.Name.IndexOf('>') - 1);
            type = type.DeclaringType; // a closure's or iterator's class
        }
        if (name.StartsWith("<", StringComparison.Ordinal) && name.IndexOf('>') > 1)
            name = name.Substring(1, name.IndexOf('>') - 1); // a lambda: <GetJobAsync>b__3_0
        if (name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal))
            name = name.Substring(4);
        if (name == ".ctor") return type.IsPublic ? "new " + type.Name : null;
        bool visible = type.IsPublic || type.IsNestedPublic;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        return visible && type.GetMember(name, flags).Length > 0 ? type.Name + "." + name : null;
    }
}

}
