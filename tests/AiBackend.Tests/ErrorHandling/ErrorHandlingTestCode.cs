namespace AiBackend.Tests.ErrorHandling;

internal static class ErrorHandlingTestCode
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Logging;

        public sealed class Todo { public int Id { get; set; } public string Title { get; set; } = ""; }
        public sealed class Db : DbContext { public DbSet<Todo> Todos => Set<Todo>(); }

        """;
}
