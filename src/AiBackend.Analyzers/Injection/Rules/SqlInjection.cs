using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1001: request data reaches the text of a SQL command (ADO.NET, Dapper, EF Core raw SQL).</summary>
internal static class SqlInjection
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.SqlInjection,
        "SQL injection",
        "Request data concatenated or interpolated into SQL text lets a client change the query. Pass values as parameters: FromSql/FromSqlInterpolated, Dapper parameters, DbCommand.Parameters.");

    private static readonly string[] SqlParameter = { "sql" };
    private static readonly string[] CommandTextParameter = { "commandText", "cmdText" };

    private const string Dapper = "Dapper.SqlMapper";

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Sql,
        "SQL text",
        new[]
        {
            new MemberRule("System.Data.Common.DbCommand", "CommandText", derived: true),
            new MemberRule("System.Data.IDbCommand", "CommandText", derived: true),
            new MemberRule("System.Data.Common.DbCommand", MemberRule.Constructor, derived: true, CommandTextParameter),
            new MemberRule("System.Data.Common.DbBatchCommand", "CommandText", derived: true),
            new MemberRule("System.Data.Common.DbBatchCommand", MemberRule.Constructor, derived: true, CommandTextParameter),
            new MemberRule("System.Data.Common.DbDataAdapter", MemberRule.Constructor, derived: true, new[] { "selectCommandText" }),
            new MemberRule("System.Data.Common.DbDataSource", "CreateCommand", derived: true, CommandTextParameter),
            new MemberRule(Dapper, "Query", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryFirst", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryFirstAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryFirstOrDefault", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryFirstOrDefaultAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QuerySingle", parameters: SqlParameter),
            new MemberRule(Dapper, "QuerySingleAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QuerySingleOrDefault", parameters: SqlParameter),
            new MemberRule(Dapper, "QuerySingleOrDefaultAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryMultiple", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryMultipleAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "QueryUnbufferedAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "Execute", parameters: SqlParameter),
            new MemberRule(Dapper, "ExecuteAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "ExecuteScalar", parameters: SqlParameter),
            new MemberRule(Dapper, "ExecuteScalarAsync", parameters: SqlParameter),
            new MemberRule(Dapper, "ExecuteReader", parameters: SqlParameter),
            new MemberRule(Dapper, "ExecuteReaderAsync", parameters: SqlParameter),
            new MemberRule("Dapper.CommandDefinition", MemberRule.Constructor, parameters: new[] { "commandText" }),
            new MemberRule("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", parameters: SqlParameter),
            new MemberRule("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRaw", parameters: SqlParameter),
            new MemberRule("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRawAsync", parameters: SqlParameter),
            new MemberRule("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "SqlQueryRaw", parameters: SqlParameter),
            // DataSet filter expressions are a query language of their own ("Name = 'x' OR 1 = 1" returns every row);
            // they have no parameters, so the SQL code fix offers nothing there: the value must be escaped or checked.
            new MemberRule("System.Data.DataTable", "Select", parameters: new[] { "filterExpression" }),
            new MemberRule("System.Data.DataTable", "Compute", parameters: new[] { "expression", "filter" }),
            new MemberRule("System.Data.DataView", "RowFilter"),
            new MemberRule("System.Data.DataView", MemberRule.Constructor, parameters: new[] { "RowFilter" }),
        });
}
