import { connectedAccount, expect, photoServer, test } from './fixtures';

test('the publish answer is lost and two posts could be it: the post page says so, the user picks it, and the first comment goes there', async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    const account = await connectedAccount(page, host, 'maya.makes');
    // A post from the Instagram app a moment ago with the same caption, and the publish answer lost: reconciling finds two candidates.
    await host.sandbox('media/outside', { igUserId: account.igUserId, count: 1, withinMs: 60_000 });
    await host.sandbox('faults', { kind: 'drop_answer', match: { method: 'POST', pathSuffix: '/media_publish' }, count: 1 });
    const created = await host.api('posts.create', { accountId: account.id, kind: 'image', caption: 'Posted in the Instagram app #1', media: [{ url: cdn.url }], firstComment: '#bread #bakery' });
    const postId = created.body.value.id as string;
    await host.api('posts.publishNow', { postId });

    await page.goto(`${host.url}#/posts/${postId}`);
    await expect(page.getByText('could not tell which of the account’s Instagram posts it became')).toBeVisible({ timeout: 45_000 });
    const choice = page.getByRole('group', { name: 'Which of @maya.makes’s posts is this one?' });
    await expect(choice.getByRole('radio')).toHaveCount(2);
    const postButton = choice.getByRole('button', { name: 'Post the first comment there' });
    await expect(postButton).toBeDisabled();
    await page.screenshot({ path: '.cache/test-results/media-choice.png', fullPage: true });

    // Ours is the newest.
    await choice.getByRole('radio').first().check();
    await postButton.click();
    await expect(choice).toHaveCount(0);
    await expect(page.getByText('The first comment was not posted')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'View on Instagram' }).first()).toBeVisible();
    const media = (await host.sandbox('media', {}, 'GET')).body[account.igUserId] as Array<{ containerId: string; comments: Array<{ text: string }> }>;
    expect(media.filter((item) => item.comments.length > 0).map((item) => [item.containerId !== '', item.comments.map((c) => c.text)])).toEqual([[true, ['#bread #bakery']]]);
  } finally {
    cdn.server.close();
  }
});
