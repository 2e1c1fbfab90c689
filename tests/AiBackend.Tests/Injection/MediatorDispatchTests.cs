using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.Injection.InjectionAnalyzer>;

namespace AiBackend.Tests.Injection;

/// <summary>
/// Issue 14: <c>await mediator.Send(new GetArticles(tag))</c> hands the request to the handler of its type; request
/// data in it reaches the handler's sinks, reported at the sink in the handler, while other requests' handlers stay apart.
/// </summary>
public class MediatorDispatchTests
{
    // The shape of MediatR's contracts, written here (the tests do not reference the library).
    private const string Mediator = """
        namespace MediatR
        {
            public interface IRequest<out TResponse> { }
            public interface INotification { }
            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
            }
            public interface INotificationHandler<in TNotification> where TNotification : INotification
            {
                Task Handle(TNotification notification, CancellationToken cancellationToken);
            }
            public interface ISender { Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default); }
            public interface IPublisher { Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification; }
            public interface IMediator : ISender, IPublisher { }
        }

        """;

    private static Task VerifyAsync(string code) => Verify.VerifyAsync(InjectionTestCode.Usings + Mediator + code);

    [Fact]
    public async Task Request_data_sent_through_the_mediator_is_reported_at_the_handlers_sink()
    {
        var diagnostics = await Verify.VerifyAsync(InjectionTestCode.Usings + Mediator + """
            namespace Blog
            {
                using Dapper;
                using MediatR;

                public sealed record ArticlesByTag(string Tag) : IRequest<IReadOnlyList<string>>;
                public sealed record ArticleCount(string Tag) : IRequest<int>;

                public sealed class ArticlesByTagHandler : IRequestHandler<ArticlesByTag, IReadOnlyList<string>>
                {
                    private readonly System.Data.IDbConnection _db;
                    public ArticlesByTagHandler(System.Data.IDbConnection db) => _db = db;

                    public async Task<IReadOnlyList<string>> Handle(ArticlesByTag request, CancellationToken cancellationToken) =>
                        (await _db.QueryAsync<string>({|AIB1001:"SELECT Title FROM Articles WHERE Tag = '" + request.Tag + "'"|})).ToList();
                }

                public sealed class ArticleCountHandler : IRequestHandler<ArticleCount, int>
                {
                    private readonly System.Data.IDbConnection _db;
                    public ArticleCountHandler(System.Data.IDbConnection db) => _db = db;

                    public Task<int> Handle(ArticleCount request, CancellationToken cancellationToken) =>
                        _db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Articles WHERE Tag = @Tag", new { request.Tag });
                }

                [ApiController]
                public sealed class ArticlesController : ControllerBase
                {
                    private readonly IMediator _mediator;
                    public ArticlesController(IMediator mediator) => _mediator = mediator;

                    [HttpGet("articles")]
                    public async Task<IActionResult> List([FromQuery] string tag, CancellationToken cancellationToken) =>
                        Ok(await _mediator.Send(new ArticlesByTag(tag), cancellationToken));

                    [HttpGet("articles/count")]
                    public async Task<IActionResult> Count([FromQuery] string tag) => Ok(await _mediator.Send(new ArticleCount(tag)));

                    [HttpGet("articles/featured")]
                    public async Task<IActionResult> Featured() => Ok(await _mediator.Send(new ArticlesByTag("featured")));
                }
            }
            """);

        Assert.Equal(
            "Query parameter 'tag' (line 63) reaches SQL text ('SqlMapper.QueryAsync') through 'ArticlesController.List' → 'ArticlesByTagHandler.Handle'",
            diagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_published_notification_reaches_each_handler_of_its_type()
    {
        await VerifyAsync("""
            namespace Exports
            {
                using MediatR;

                public sealed class ExportRequested : INotification { public string FileName { get; init; } = ""; public int Rows { get; init; } }

                public sealed class WriteExportFile : INotificationHandler<ExportRequested>
                {
                    public Task Handle(ExportRequested notification, CancellationToken cancellationToken) =>
                        File.WriteAllTextAsync({|AIB1003:Path.Combine("/srv/exports", notification.FileName)|}, "", cancellationToken);
                }

                public sealed class CountExport : INotificationHandler<ExportRequested>
                {
                    public Task Handle(ExportRequested notification, CancellationToken cancellationToken) =>
                        File.AppendAllTextAsync("/srv/exports/count.log", notification.Rows + "\n", cancellationToken);
                }

                public static class ExportEndpoints
                {
                    public static void Map(WebApplication app)
                    {
                        app.MapPost("/exports", async (string fileName, int rows, IPublisher publisher) =>
                            await publisher.Publish(new ExportRequested { FileName = fileName, Rows = rows }));
                        app.MapPost("/exports/daily", async (int rows, IPublisher publisher) =>
                            await publisher.Publish(new ExportRequested { FileName = "daily.csv", Rows = rows }));
                    }
                }
            }
            """);
    }
}
