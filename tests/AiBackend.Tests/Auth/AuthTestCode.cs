namespace AiBackend.Tests.Auth;

internal static class AuthTestCode
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.IdentityModel.Tokens;

        public sealed class Note { public int Id { get; set; } public string OwnerId { get; set; } = ""; public string Text { get; set; } = ""; }
        public sealed class Product { public int Id { get; set; } public string Name { get; set; } = ""; }
        public sealed class Db : DbContext { public DbSet<Note> Notes => Set<Note>(); public DbSet<Product> Products => Set<Product>(); }

        """;
}
