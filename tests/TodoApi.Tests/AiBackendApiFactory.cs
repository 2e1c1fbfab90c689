using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace TodoApi.Tests.Generated;

/// <summary>The hook the generated factory leaves: the sample's SQLite file becomes a private in-memory database.</summary>
public partial class AiBackendApiFactory
{
    // A shared-cache in-memory database lives as long as one connection to it is open: this one.
    private readonly SqliteConnection _keepAlive = new($"Data Source=file:todos-{Guid.NewGuid():N}?mode=memory&cache=shared");

    partial void ConfigureHost(IWebHostBuilder builder)
    {
        _keepAlive.Open();
        builder.UseSetting("ConnectionStrings:Todos", _keepAlive.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _keepAlive.Dispose();
    }
}
