namespace AiBackend.Tests.Injection;

/// <summary>Usings shared by the injection rule tests (what a web project's implicit usings give).</summary>
internal static class InjectionTestCode
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Text.RegularExpressions;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using System.Threading;

        """;
}
