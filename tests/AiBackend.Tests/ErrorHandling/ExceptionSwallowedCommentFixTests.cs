using AiBackend.Analyzers.ErrorHandling;
using AiBackend.CodeFixes.ErrorHandling;
using AiBackend.Testing;

namespace AiBackend.Tests.ErrorHandling;

public class ExceptionSwallowedCommentFixTests
{
    [Fact]
    public async Task Logging_a_commented_catch_all_keeps_the_comment()
    {
        await CodeFixVerifier<ExceptionSwallowedAnalyzer, ExceptionSwallowedCodeFix>.VerifyAsync(ErrorHandlingTestCode.Usings + """
            public sealed class Cache
            {
                private readonly ILogger<Cache> _logger;
                public Cache(ILogger<Cache> logger) => _logger = logger;

                public void Warm(Db db)
                {
                    try { db.Todos.Load(); }
                    [|catch (Exception)|]
                    {
                        // The cache fills itself on first use anyway.
                    }
                }
            }
            """, ErrorHandlingTestCode.Usings + """
            public sealed class Cache
            {
                private readonly ILogger<Cache> _logger;
                public Cache(ILogger<Cache> logger) => _logger = logger;

                public void Warm(Db db)
                {
                    try { db.Todos.Load(); }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Warm failed.");
                        // The cache fills itself on first use anyway.
                    }
                }
            }
            """);
    }
}
