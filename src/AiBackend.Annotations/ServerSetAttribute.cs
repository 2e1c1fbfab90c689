using System;

namespace AiBackend;

/// <summary>
/// Marks a <c>[Resource]</c> property the server sets (timestamps, computed values): it is returned to clients but not
/// accepted from them in create and update requests.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ServerSetAttribute : Attribute
{
}
