import { useEffect, useRef } from 'react';
import { drawGreyscale } from './imageToCanvas.ts';
import './pixel-image.css';

interface PixelImageProps {
  /** width × height floats in [0, 1]; null shows a black (empty) image. */
  pixels: ArrayLike<number> | null;
  /** Accessible name of the image. */
  label: string;
  width: number;
  height: number;
  /** Sets the displayed size; pixels stay crisp at any size. */
  className?: string;
}

/** A small greyscale image (such as a 28×28 digit) scaled up without blurring. */
export function PixelImage({ pixels, label, width, height, className }: PixelImageProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) drawGreyscale(ref.current, pixels, width, height);
  }, [pixels, width, height]);
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      width={width}
      height={height}
      className={className ? `pixel-image ${className}` : 'pixel-image'}
    />
  );
}
