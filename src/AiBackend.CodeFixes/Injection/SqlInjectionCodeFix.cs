using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AiBackend.CodeFixes.Injection;

/// <summary>
/// AIB1001: turns SQL built by interpolation or concatenation into a parameterised query in the style of its API:
/// EF Core <c>FromSqlRaw($"…")</c> → <c>FromSql($"…")</c>, Dapper → <c>@name</c> markers and an anonymous parameter
/// object, ADO.NET → <c>@name</c> markers and <c>Parameters.AddWithValue</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlInjectionCodeFix)), Shared]
public sealed class SqlInjectionCodeFix : CodeFixProvider
{
    private const string Title = "Pass the values as SQL parameters";

    private static readonly Dictionary<string, string> EfSafeCounterparts = new()
    {
        ["FromSqlRaw"] = "FromSql",
        ["ExecuteSqlRaw"] = "ExecuteSql",
        ["ExecuteSqlRawAsync"] = "ExecuteSqlAsync",
        ["SqlQueryRaw"] = "SqlQuery",
    };

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SqlInjection);

    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Fix, out var fix) || fix != DiagnosticProperties.Parameterize)
                continue;

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.Parent is ArgumentSyntax or AssignmentExpressionSyntax && node.Parent.Span == node.Span)
                node = node.Parent;
            var rewrite = node switch
            {
                ArgumentSyntax argument => ForArgument(context.Document, model, argument, context.CancellationToken),
                AssignmentExpressionSyntax assignment => ForCommandText(context.Document, model, assignment, context.CancellationToken),
                _ => null,
            };

            if (rewrite is not null)
                context.RegisterCodeFix(CodeAction.Create(Title, rewrite, equivalenceKey: nameof(SqlInjectionCodeFix)), diagnostic);
        }
    }

    private static System.Func<CancellationToken, Task<Document>>? ForArgument(Document document, SemanticModel model, ArgumentSyntax argument, CancellationToken cancellationToken)
    {
        if (SqlText.Parse(argument.Expression) is not { } sql || argument.Parent?.Parent is not { } call)
            return null;

        var arguments = ((ArgumentListSyntax)argument.Parent).Arguments;
        var isLast = arguments.IndexOf(argument) == arguments.Count - 1;
        if (call is InvocationExpressionSyntax invocation && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)
        {
            var typeName = method.ContainingType?.ToDisplayString();
            if (EfSafeCounterparts.TryGetValue(method.Name, out var safeName) && isLast && HasMember(model, method.ContainingType, safeName))
                return ct => ReplaceAsync(document, invocation, EfRewrite(invocation, argument, sql, safeName), ct);

            if (typeName == "Dapper.SqlMapper" && isLast)
                return ct => ReplaceAsync(document, invocation, DapperRewrite(invocation, argument, sql), ct);

            if (method.Name == "CreateCommand" && CommandParametersSupportAddWithValue(model, method.ReturnType))
                return AdoRewrite(document, argument, invocation, sql);
        }

        if (call is BaseObjectCreationExpressionSyntax creation
            && model.GetTypeInfo(creation, cancellationToken).Type is { } createdType
            && CommandParametersSupportAddWithValue(model, createdType))
            return AdoRewrite(document, argument, creation, sql);

        return null;
    }

    private static System.Func<CancellationToken, Task<Document>>? ForCommandText(Document document, SemanticModel model, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
    {
        if (assignment.Parent is not ExpressionStatementSyntax statement
            || assignment.Left is not MemberAccessExpressionSyntax { Expression: var command }
            || SqlText.Parse(assignment.Right) is not { } sql
            || model.GetTypeInfo(command, cancellationToken).Type is not { } commandType
            || !CommandParametersSupportAddWithValue(model, commandType))
            return null;

        return async ct =>
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var newAssignment = statement.WithExpression(assignment.WithRight(sql.ToParameterizedLiteral().WithTriviaFrom(assignment.Right)));
            var statements = new List<StatementSyntax> { newAssignment };
            statements.AddRange(AddWithValueStatements(command, sql, statement));
            return document.WithSyntaxRoot(root!.ReplaceNode(statement, statements));
        };
    }

    /// <summary>ADO.NET through a constructor or CreateCommand: the command must be a local declared in a statement.</summary>
    private static System.Func<CancellationToken, Task<Document>>? AdoRewrite(Document document, ArgumentSyntax argument, ExpressionSyntax call, SqlText sql)
    {
        if (call.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration
            || declaration.Declaration.Variables.Count != 1)
            return null;

        return async ct =>
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var newDeclaration = declaration.ReplaceNode(argument.Expression, sql.ToParameterizedLiteral().WithTriviaFrom(argument.Expression));
            var statements = new List<StatementSyntax> { newDeclaration };
            statements.AddRange(AddWithValueStatements(SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), sql, declaration));
            return document.WithSyntaxRoot(root!.ReplaceNode(declaration, statements));
        };
    }

    private static IEnumerable<StatementSyntax> AddWithValueStatements(ExpressionSyntax command, SqlText sql, StatementSyntax anchor)
    {
        // Same indentation and line ending as the statement they follow.
        var indentation = anchor.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
        var endOfLine = anchor.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
        foreach (var value in sql.Values)
        {
            var text = $"{command.WithoutTrivia().ToFullString()}.Parameters.AddWithValue(\"@{value.Name}\", {value.Expression.WithoutTrivia().ToFullString()});";
            yield return SyntaxFactory.ParseStatement(text).WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine);
        }
    }

    private static InvocationExpressionSyntax EfRewrite(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SqlText sql, string safeName)
    {
        var renamed = invocation.ReplaceNode(argument.Expression, sql.ToInterpolatedString().WithTriviaFrom(argument.Expression));
        return renamed.Expression switch
        {
            MemberAccessExpressionSyntax member => renamed.WithExpression(member.WithName(Rename(member.Name, safeName))),
            SimpleNameSyntax name => renamed.WithExpression(Rename(name, safeName)),
            _ => renamed,
        };
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName) =>
        name switch
        {
            GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(generic.Identifier)),
            _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.GetFirstToken())),
        };

    private static InvocationExpressionSyntax DapperRewrite(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SqlText sql)
    {
        var parameters = SyntaxFactory.AnonymousObjectCreationExpression(
            SyntaxFactory.SeparatedList(sql.Values.Select(v => v.ToAnonymousMember())));
        var list = invocation.ArgumentList;
        var newArguments = list.Arguments
            .Replace(argument, argument.WithExpression(sql.ToParameterizedLiteral().WithTriviaFrom(argument.Expression)))
            .Add(SyntaxFactory.Argument(parameters));
        return invocation.WithArgumentList(list.WithArguments(newArguments));
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(oldNode, newNode.WithAdditionalAnnotations(Formatter.Annotation)));
    }

    private static bool HasMember(SemanticModel model, INamedTypeSymbol? type, string name) =>
        type is not null && type.GetMembers(name).Any();

    /// <summary>Sqlite, SqlClient and Npgsql parameter collections have AddWithValue; DbParameterCollection does not.</summary>
    private static bool CommandParametersSupportAddWithValue(SemanticModel model, ITypeSymbol commandType)
    {
        for (var type = commandType; type is not null; type = type.BaseType)
        {
            if (type.GetMembers("Parameters").OfType<IPropertySymbol>().FirstOrDefault() is { } parameters)
            {
                return parameters.Type.GetMembers("AddWithValue").OfType<IMethodSymbol>()
                    .Any(m => m.Parameters.Length == 2 && m.Parameters[0].Type.SpecialType == SpecialType.System_String);
            }
        }

        return false;
    }
}
