using OrleansRemarks.Grains.Remarks;
using OrleansRemarks.Grains.Storage;

namespace OrleansRemarks.UnitTests.Grains;

public sealed class BucketLayoutTests
{
    [Fact]
    public void Every_hash_maps_inside_the_layout_and_a_split_moves_entries_only_to_the_new_bucket()
    {
        var hashes = Enumerable.Range(0, 5000).Select(i => FriendIdHash.Of("friend-" + i)).ToArray();
        var layout = BucketLayout.Initial;
        for (var split = 0; split < 200; split++)
        {
            var next = layout.AfterSplit();
            foreach (var hash in hashes)
            {
                var before = layout.BucketOf(hash);
                var after = next.BucketOf(hash);
                Assert.InRange(before, 0, layout.BucketCount - 1);
                Assert.True(after == before || (before == layout.SplitPointer && after == layout.NextNewBucket));
            }

            Assert.Equal(layout.BucketCount + 1, next.BucketCount);
            layout = next;
        }
    }

    [Fact]
    public void Friend_id_hash_is_stable_across_processes()
    {
        // Fixed values: a change here would strand every stored entry in the wrong bucket.
        Assert.Equal(2166136261u, FriendIdHash.Of(""));
        Assert.Equal(0xE40C292Cu, FriendIdHash.Of("a"));
        Assert.Equal(FriendIdHash.Of(new string('x', 300)), FriendIdHash.Of(new string('x', 300)));
    }

    [Fact]
    public void Loading_drops_copies_left_in_an_old_bucket_by_an_unfinished_split()
    {
        var split = BucketLayout.Initial.AfterSplit();
        var entries = Enumerable.Range(0, 50)
            .Select(i => new FriendEntry("f" + i, [new AppliedChange("op", "r" + i, 0)]))
            .ToList();
        var movedIds = entries.Where(e => split.BucketOf(FriendIdHash.Of(e.FriendUserId)) == 1).Select(e => e.FriendUserId).ToHashSet();
        Assert.NotEmpty(movedIds);

        // The new bucket and the layout were written, the old bucket was not yet rewritten.
        var book = OwnerRemarkBook.Load(
            new Stored<BucketLayout>(split, "1", true),
            [
                new Stored<RemarkBucket>(new RemarkBucket(50, entries), "7", true),
                new Stored<RemarkBucket>(new RemarkBucket(0, [.. entries.Where(e => movedIds.Contains(e.FriendUserId))]), "1", true),
            ]);

        Assert.Equal(50, book.FriendCount);
        Assert.Equal(50, book.Version);
        Assert.Equal(50, book.Page(1000, null).Items.Count);
        Assert.DoesNotContain(book.Bucket(0).Value.Friends, f => movedIds.Contains(f.FriendUserId));
    }
}
