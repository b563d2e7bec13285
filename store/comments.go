package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"codeberg.org/habeas/habeas"
)

// Comments are public input: a visitor adds one, pending, to a post the
// public may read now; editors and admins moderate it. A comment is as
// visible as its post once approved and internal otherwise, so every
// staff member sees every comment (posts are public or internal), and the
// public sees the approved comments of the posts it may read, nothing
// else.

// SubmitComment stores c as a pending comment of the post with postSlug,
// as the visitor v: only a post the public may read now takes comments,
// and any other is answered as a missing one.
func (s *Store) SubmitComment(ctx context.Context, v *habeas.Visitor, postSlug string, c *habeas.Comment) error {
	c.ID, c.PostID, c.Status = 0, 0, habeas.CommentPending
	if err := c.Validate(); err != nil {
		return err
	}
	return s.visit(ctx, v, formComment, habeas.CommentsPerHour, func(w *wtx) error {
		err := w.stmt(s.q.PostOpenForComments).QueryRowContext(ctx, postSlug, s.postTime(s.clock.Now())).Scan(&c.PostID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("post", postSlug)
		} else if err != nil {
			return fmt.Errorf("post to comment on: %w", err)
		}
		if err := w.insertComment(c); err != nil {
			return err
		}
		return w.audit(habeas.AuditCreate, "comment", c.ID, nil, c)
	})
}

// insertComment writes a new comment in the write transaction.
func (w *wtx) insertComment(c *habeas.Comment) error {
	created, updated := w.stamps(c.CreatedAt, c.UpdatedAt)
	err := w.stmt(w.s.q.InsertComment).QueryRowContext(w.ctx, c.PostID, c.Name, c.Text, c.Status,
		w.s.timeArg(created), w.s.timeArg(updated)).Scan(&c.ID)
	if err != nil {
		return mapError(err, "create comment")
	}
	c.CreatedAt, c.UpdatedAt = created, updated
	return nil
}

// createComment writes a comment of a batch (an import), in any state, on
// a post the writer may see.
func (w *wtx) createComment(c *habeas.Comment) error {
	pr := habeas.Problems{}
	if c.PostID == 0 {
		pr.Add("post_id", "is required")
	} else if err := w.ref(pr, "post_id", "post", w.s.q.PostAt, c.PostID); err != nil {
		return err
	}
	if err := pr.Err("comment"); err != nil {
		return err
	}
	return w.insertComment(c)
}

// ModerateComment sets a comment's status as u (an editor or an admin)
// and returns it as stored.
func (s *Store) ModerateComment(ctx context.Context, u *habeas.User, id int64, status string) (*habeas.Comment, error) {
	err := changeRecord(s, ctx, u, habeas.AuditUpdate, "comment", id, s.Comment, map[string]any{"status": status}, func(w *wtx) error {
		if err := w.target("comment", s.q.CommentAt, id); err != nil {
			return err
		}
		if !slices.Contains(habeas.CommentStates, status) {
			return &habeas.Error{Code: habeas.EINVALID, Message: "invalid comment status",
				Fields: map[string]string{"status": "must be one of pending, approved, spam, removed"}}
		}
		res, err := w.stmt(s.q.SetCommentStatus).ExecContext(ctx, id, status, s.now())
		return expectOne(res, err, "comment", id)
	})
	if err != nil {
		return nil, err
	}
	return s.Comment(ctx, u.Access(), id)
}

// DeleteComment deletes a comment as u (an editor or an admin).
func (s *Store) DeleteComment(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "comment", id, s.Comment, nil, func(w *wtx) error {
		if err := w.target("comment", s.q.CommentAt, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteComment).ExecContext(ctx, id)
		return expectOne(res, err, "comment", id)
	})
}

// Comment returns the comment with id if the reader may see it: the
// public only an approved comment of a post it may read now.
func (s *Store) Comment(ctx context.Context, a habeas.Access, id int64) (*habeas.Comment, error) {
	c, err := scanComment(s.read(s.q.GetComment).QueryRowContext(ctx, a, id, s.postTime(s.clock.Now())))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("comment", id)
	} else if err != nil {
		return nil, fmt.Errorf("load comment %d: %w", id, err)
	}
	return &c, nil
}

// ListComments returns a page of the comments the reader may see, oldest
// first: for the public, the approved comments of the posts it may read
// now, whatever status f asks for.
func (s *Store) ListComments(ctx context.Context, a habeas.Access, f habeas.CommentFilter) (habeas.Page[habeas.Comment], error) {
	page := habeas.Page[habeas.Comment]{Items: []habeas.Comment{}}
	if f.Status != "" && !slices.Contains(habeas.CommentStates, f.Status) {
		return page, &habeas.Error{Code: habeas.EINVALID, Message: "invalid comment filter",
			Fields: map[string]string{"status": "must be one of pending, approved, spam, removed"}}
	}
	after, err := idCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	status := f.Status
	if a == habeas.Public {
		status = habeas.CommentApproved
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read(s.q.ListComments).QueryContext(ctx, a, s.postTime(s.clock.Now()), f.PostID, status, after, limit)
	if err != nil {
		return page, fmt.Errorf("list comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return page, fmt.Errorf("list comments: %w", err)
		}
		page.Items = append(page.Items, c)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list comments: %w", err)
	}
	if n := len(page.Items); n > 0 {
		page.NextCursor = nextIDCursor(n, limit, page.Items[n-1].ID)
	}
	return page, nil
}

func scanComment(r scanner) (habeas.Comment, error) {
	var c habeas.Comment
	err := r.Scan(&c.ID, &c.PostID, &c.Name, &c.Text, &c.Status, dbTime{&c.CreatedAt}, dbTime{&c.UpdatedAt})
	return c, err
}
