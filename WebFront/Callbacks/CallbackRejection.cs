namespace OrleansRemarks.WebFront.Callbacks;

/// <summary>Why a callback body was refused; <paramref name="Detail"/> becomes the reply's <c>errDlt</c>.</summary>
public sealed record CallbackRejection(CallbackErrorCode Code, string Detail);
