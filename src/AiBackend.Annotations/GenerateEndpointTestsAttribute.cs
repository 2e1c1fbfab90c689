using System;

namespace AiBackend;

/// <summary>
/// In a test project (xunit + Microsoft.AspNetCore.Mvc.Testing), generates tests for every endpoint and resource the
/// API project declares: anonymous calls get 401 on protected endpoints; resources go through create, get, update,
/// list and delete with valid data derived from their validation attributes; invalid input gets 400; another user's
/// entity gets 404 where ownership applies. Also generates the <c>WebApplicationFactory</c> and a test
/// authentication handler, with a partial method to swap infrastructure.
/// </summary>
/// <example><c>[assembly: GenerateEndpointTests(typeof(Program))]</c></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class GenerateEndpointTestsAttribute : Attribute
{
    /// <summary>Names the API's entry point.</summary>
    /// <param name="entryPoint">The API project's <c>Program</c> class (public, e.g. <c>public partial class Program;</c>).</param>
    public GenerateEndpointTestsAttribute(Type entryPoint)
    {
        EntryPoint = entryPoint;
    }

    /// <summary>The API's entry point.</summary>
    public Type EntryPoint { get; }
}
