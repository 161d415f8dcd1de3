import { useEffect, useState } from 'react';

/**
 * False on a component's first render, true from a task after that render was committed. A view
 * that would mount a large subtree at once can draw its frame first and the rest in a task of its
 * own: the stream's timeline on the first Send was one 55-145 ms task (React running the list's and
 * the panels' code for the first time, then their first style and layout forced inside the commit),
 * which holds the user's input and the stream's redraws behind it.
 */
export function useAfterFirstTask(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    // A timer, not the effect itself: effects of a render caused by input run in the same task.
    const timer = setTimeout(() => setAfter(true), 0);
    return () => clearTimeout(timer);
  }, []);
  return after;
}
