/** List or week: two views of the same posts, each with its own address. */
export function PostsViews({ current }: { current: 'list' | 'week' }) {
  const views: Array<{ view: 'list' | 'week'; label: string; href: string }> = [
    { view: 'list', label: 'List', href: '#/posts' },
    { view: 'week', label: 'Week', href: '#/calendar' },
  ];
  return (
    <nav className="posts-views" aria-label="Posts view">
      {views.map((item) => (
        <a key={item.view} href={item.href} className="posts-view" aria-current={item.view === current ? 'page' : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}

