import type { PostStatus } from '../../../src-shared/posts';
import { Badge } from '../../components/Badge';
import { STATUS_LABEL, STATUS_TONE } from './describe';

export function PostStatusBadge({ status }: { status: PostStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
