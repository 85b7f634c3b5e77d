using Npgsql;
using OrleansRemarks.Bench.Baseline;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Baseline")
    ?? throw new InvalidOperationException("ConnectionStrings:Baseline is not set.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<RemarkTable>();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));

var app = builder.Build();
await app.Services.GetRequiredService<RemarkTable>().CreateAsync();
app.MapPost("/callbackExample/{command}", CallbackEndpoint.HandleAsync);
app.MapGet("/api/v1/users/{owner}/remarks/{friend}", QueryEndpoints.GetAsync);
app.MapPost("/api/v1/users/{owner}/remarks:lookup", QueryEndpoints.LookupAsync);
await app.RunAsync();
