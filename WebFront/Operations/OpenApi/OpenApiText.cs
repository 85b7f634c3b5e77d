using Microsoft.OpenApi;

namespace OrleansRemarks.WebFront.Operations.OpenApi;

/// <summary>Small edits of a generated OpenAPI operation: descriptions of parameters and responses, extra headers.</summary>
public static class OpenApiText
{
    public static void DescribeParameter(OpenApiOperation operation, string name, string description)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(parameter => parameter.Name == name) is { } parameter)
        {
            parameter.Description = description;
        }
    }

    public static void AddHeaderParameter(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>Sets the description of each listed status, adding a bare response for a status not yet documented.</summary>
    public static void DescribeResponses(OpenApiOperation operation, IReadOnlyDictionary<int, string> descriptions)
    {
        operation.Responses ??= [];
        foreach (var (status, description) in descriptions)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse response)
            {
                response.Description = description;
            }
            else
            {
                operation.Responses[key] = new OpenApiResponse { Description = description };
            }
        }
    }
}
