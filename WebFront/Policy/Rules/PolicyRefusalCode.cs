namespace OrleansRemarks.WebFront.Policy.Rules;

/// <summary>
/// The <c>errCode</c> of a refusal of a before-set-remark callback. OpenIM reserves 20001–29999 for
/// the receiver; the policy owns 22001–22999, apart from the input errors (200xx) and the
/// service failures (250xx) of <c>CallbackErrorCode</c>. OpenIM hands <c>errCode</c>,
/// <c>errMsg</c> and <c>errDlt</c> to the user whose remark edit was refused.
/// </summary>
public enum PolicyRefusalCode
{
    /// <summary>More text elements than <c>Policy:MaxLength</c>.</summary>
    TooLong = 22001,

    /// <summary>Contains one of <c>Policy:BlockedTerms</c>.</summary>
    BlockedTerm = 22002,

    /// <summary>The owner already made <c>Policy:MaxChangesPerOwnerPerMinute</c> changes in the last 60 s.</summary>
    TooManyChanges = 22003,
}

public static class PolicyRefusalMessages
{
    /// <summary>The short <c>errMsg</c>, written for the end user.</summary>
    public static string ShortMessage(PolicyRefusalCode code) => code switch
    {
        PolicyRefusalCode.TooLong => "remark is too long",
        PolicyRefusalCode.BlockedTerm => "remark contains a word that is not allowed",
        PolicyRefusalCode.TooManyChanges => "too many remark changes, try again later",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown policy refusal code."),
    };
}
