// Native handles: one SafeHandle subclass per C handle type. SafeHandle gives what the C API needs
// from .NET: the runtime frees each handle exactly once (Dispose, or the critical finalizer as a
// safety net), a handle in use by a call is freed only after the call, and a disposed handle is
// never passed to C again (its use throws ObjectDisposedException).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace AirbyteCloud {

internal abstract class NativeHandle : SafeHandle {
    // Handles this one borrows (the C API says they must outlive it): each holds one reference
    // until this handle is freed, so whatever order Dispose and finalizers run in, they are
    // freed after it.
    private List<NativeHandle> borrowed;
    // Managed objects C may call into while this handle lives (log delegates).
    private object callbackTarget;

    // Set by Dispose. SafeHandle alone does not say it on every runtime: on Mono a disposed
    // handle that others still reference (Borrow) accepts DangerousAddRef until it is freed.
    private volatile bool disposed;

    protected NativeHandle() : base(IntPtr.Zero, true) { }

    internal bool IsDisposed { get { return disposed || IsClosed; } }

    protected override void Dispose(bool disposing) {
        disposed = true;
        base.Dispose(disposing);
    }

    public override bool IsInvalid { get { return handle == IntPtr.Zero; } }

    // The name users know the object by, for ObjectDisposedException.
    internal abstract string ObjectName { get; }

    protected abstract void Free(IntPtr pointer);

    // Keeps `other` alive (not freed, even when disposed) until this handle is freed.
    internal void Borrow(NativeHandle other) {
        HandleLease.Acquire(other);
        lock (this) {
            if (borrowed == null) borrowed = new List<NativeHandle>();
            borrowed.Add(other);
        }
    }

    internal void KeepAlive(object target) { callbackTarget = target; }

    internal delegate abc_status Create<THandle>(out THandle handle);

    // A new handle (create) set up by fill; disposed when fill throws.
    internal static THandle Made<THandle>(Create<THandle> create, Action<THandle> fill) where THandle : NativeHandle {
        THandle handle;
        create(out handle);
        try {
            fill(handle);
            return handle;
        } catch {
            handle.Dispose();
            throw;
        }
    }

    protected override bool ReleaseHandle() {
        Free(handle);
        List<NativeHandle> released;
        lock (this) {
            released = borrowed;
            borrowed = null;
        }
        if (released != null) {
            foreach (NativeHandle other in released) other.DangerousRelease();
        }
        GC.KeepAlive(callbackTarget); // C may call it until Free returns
        callbackTarget = null;
        return true;
    }
}

// Holds one reference on a handle for the duration of a call (the generated Native methods open
// one per handle argument): a disposed handle throws here, and Dispose from another thread waits
// for the lease to end before the handle is freed.
internal struct HandleLease : IDisposable {
    private readonly NativeHandle leased;

    internal HandleLease(NativeHandle handle, string argument) {
        if (handle == null) throw new ArgumentNullException(argument);
        leased = Acquire(handle);
    }

    private HandleLease(NativeHandle handle, bool unused) { leased = handle; }

    // For arguments the C API allows to be NULL.
    internal static HandleLease Optional(NativeHandle handle) {
        return new HandleLease(handle == null ? null : Acquire(handle), false);
    }

    // One more reference on `handle`, or ObjectDisposedException.
    internal static NativeHandle Acquire(NativeHandle handle) {
        bool added = false;
        if (!handle.IsDisposed) {
            try {
                handle.DangerousAddRef(ref added);
            } catch (ObjectDisposedException) {
                added = false;
            }
        }
        if (!added) throw new ObjectDisposedException(handle.ObjectName, handle.ObjectName + " has been disposed.");
        return handle;
    }

    internal IntPtr Pointer { get { return leased == null ? IntPtr.Zero : leased.DangerousGetHandle(); } }

    public void Dispose() {
        if (leased != null) leased.DangerousRelease();
    }
}

internal sealed class OptionsHandle : NativeHandle {
    internal override string ObjectName { get { return "ClientOptions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_options_free(pointer); }
}

internal sealed class WorkspaceHandle : NativeHandle {
    internal override string ObjectName { get { return "Workspace"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_workspace_free(pointer); }
}

internal sealed class ConnectionHandle : NativeHandle {
    internal override string ObjectName { get { return "Connection"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_connection_free(pointer); }
}

internal sealed class JobHandle : NativeHandle {
    internal override string ObjectName { get { return "Job"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_job_free(pointer); }
}

internal sealed class JobListHandle : NativeHandle {
    internal override string ObjectName { get { return "ResourceList<Job>"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_job_list_free(pointer); }
}

internal sealed class SyncOptionsHandle : NativeHandle {
    internal override string ObjectName { get { return "SyncOptions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_sync_options_free(pointer); }
}

internal sealed class CancelTokenHandle : NativeHandle {
    internal override string ObjectName { get { return "CancelToken"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_cancel_token_free(pointer); }
}

internal sealed class WaiterHandle : NativeHandle {
    internal override string ObjectName { get { return "JobWaiter"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_waiter_free(pointer); }
}

internal sealed class ListOptionsHandle : NativeHandle {
    internal override string ObjectName { get { return "ListOptions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_list_options_free(pointer); }
}

internal sealed class SourceHandle : NativeHandle {
    internal override string ObjectName { get { return "Source"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_source_free(pointer); }
}

internal sealed class SourceListHandle : NativeHandle {
    internal override string ObjectName { get { return "ResourceList"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_source_list_free(pointer); }
}

internal sealed class SourceIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Sources"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_source_iterator_free(pointer); }
}

internal sealed class DestinationHandle : NativeHandle {
    internal override string ObjectName { get { return "Destination"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_destination_free(pointer); }
}

internal sealed class DestinationListHandle : NativeHandle {
    internal override string ObjectName { get { return "ResourceList"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_destination_list_free(pointer); }
}

internal sealed class DestinationIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Destinations"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_destination_iterator_free(pointer); }
}

internal sealed class ConnectionSpecHandle : NativeHandle {
    internal override string ObjectName { get { return "ConnectionSpec"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_connection_spec_free(pointer); }
}

internal sealed class ConnectionListHandle : NativeHandle {
    internal override string ObjectName { get { return "ResourceList"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_connection_list_free(pointer); }
}

internal sealed class ConnectionIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Connections"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_connection_iterator_free(pointer); }
}

internal sealed class WorkspaceInfoHandle : NativeHandle {
    internal override string ObjectName { get { return "WorkspaceInfo"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_workspace_info_free(pointer); }
}

internal sealed class WorkspaceInfoListHandle : NativeHandle {
    internal override string ObjectName { get { return "ResourceList"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_workspace_info_list_free(pointer); }
}

internal sealed class WorkspaceInfoIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Workspaces"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_workspace_info_iterator_free(pointer); }
}

internal sealed class StreamCatalogHandle : NativeHandle {
    internal override string ObjectName { get { return "StreamCatalog"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_stream_catalog_free(pointer); }
}

internal sealed class DatasetOptionsHandle : NativeHandle {
    internal override string ObjectName { get { return "DatasetOptions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_dataset_options_free(pointer); }
}

internal sealed class DatasetSetHandle : NativeHandle {
    internal override string ObjectName { get { return "DatasetSet"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_dataset_set_free(pointer); }
}

internal sealed class DatasetHandle : NativeHandle {
    internal override string ObjectName { get { return "Dataset"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_dataset_free(pointer); }
}

internal sealed class DatasetCursorHandle : NativeHandle {
    internal override string ObjectName { get { return "DatasetCursor"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_dataset_cursor_free(pointer); }
}

internal sealed class AttemptListHandle : NativeHandle {
    internal override string ObjectName { get { return "Attempts"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_attempt_list_free(pointer); }
}

internal sealed class ConnectionStateHandle : NativeHandle {
    internal override string ObjectName { get { return "ConnectionState"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_connection_state_free(pointer); }
}

internal sealed class ConfiguredCatalogHandle : NativeHandle {
    internal override string ObjectName { get { return "ConfiguredCatalog"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_configured_catalog_free(pointer); }
}

internal sealed class TagHandle : NativeHandle {
    internal override string ObjectName { get { return "Tag"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_tag_free(pointer); }
}

internal sealed class TagIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Tags"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_tag_iterator_free(pointer); }
}

internal sealed class OrganizationHandle : NativeHandle {
    internal override string ObjectName { get { return "Organization"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_organization_free(pointer); }
}

internal sealed class OrganizationIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Organizations"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_organization_iterator_free(pointer); }
}

internal sealed class UserHandle : NativeHandle {
    internal override string ObjectName { get { return "User"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_user_free(pointer); }
}

internal sealed class UserIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Users"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_user_iterator_free(pointer); }
}

internal sealed class PermissionHandle : NativeHandle {
    internal override string ObjectName { get { return "Permission"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_permission_free(pointer); }
}

internal sealed class PermissionIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Permissions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_permission_iterator_free(pointer); }
}

internal sealed class DefinitionHandle : NativeHandle {
    internal override string ObjectName { get { return "Definition"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_definition_free(pointer); }
}

internal sealed class DefinitionIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Definitions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_definition_iterator_free(pointer); }
}

internal sealed class DeclarativeDefinitionHandle : NativeHandle {
    internal override string ObjectName { get { return "DeclarativeDefinition"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_declarative_definition_free(pointer); }
}

internal sealed class DeclarativeDefinitionIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "DeclarativeDefinitions"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_declarative_definition_iterator_free(pointer); }
}

internal sealed class JobFilterHandle : NativeHandle {
    internal override string ObjectName { get { return "JobFilter"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_job_filter_free(pointer); }
}

internal sealed class JobIteratorHandle : NativeHandle {
    internal override string ObjectName { get { return "Jobs"; } }
    protected override void Free(IntPtr pointer) { NativeMethods.abc_job_iterator_free(pointer); }
}

}
