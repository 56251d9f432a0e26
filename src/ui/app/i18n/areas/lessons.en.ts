// The Lessons panel (src/ui/lessons): the tutorials as guided lessons, each step's texts, goals and figures.
export const lessonsEn = {
  // ---- the panel ----
  'lessons.button': 'Lessons',
  'lessons.title': 'Lessons',
  'lessons.close': 'Close lessons',
  'lessons.dismiss': 'Dismiss',
  'lessons.intro':
    'Each lesson follows one of the tutorials, a step at a time. A step sets the playground up with one click; you train, and the step compares what you get with what PyTorch got.',
  'lessons.progress': '{reached} of {total} steps reached',
  'lessons.all': '← All lessons',
  'lessons.steps': 'Steps',
  'lessons.stepButton': 'Step {n}: {title}',
  'lessons.stepButtonReached': 'Step {n}: {title} (reached)',
  'lessons.stepOf': 'Step {n} of {total}',
  'lessons.setUp': 'Set up this step',
  'lessons.show': 'Take me there',
  'lessons.changes': 'It sets: {changes}.',
  'lessons.busy': 'A run is going. Let it finish or press Reset, then set up this step.',
  'lessons.setUpDone': 'Set up. Now press Train.',
  'lessons.goal': 'Goal',
  'lessons.reached': '✓ Reached',
  'lessons.notYet': 'Not yet: it counts for a run you start while this step is open.',
  'lessons.reference': 'PyTorch beside your run',
  'lessons.reference.pytorch': 'PyTorch ({source})',
  'lessons.reference.yours': 'Your run',
  'lessons.reference.none': 'no run for this step yet',
  'lessons.reference.after': '{figure}, after epoch {epoch} of {epochs}',
  'lessons.metric.accuracy': '{value} test accuracy',
  'lessons.metric.loss': 'test loss {value}',
  'lessons.source.preset': 'the same setup, {epochs} epochs',
  'lessons.source.beforeTraining': 'the tutorial, before training',
  'lessons.source.denseFashion': 'the dense network of lesson 4, 30 epochs',
  'lessons.code': 'The PyTorch code it mirrors',
  'lessons.previous': 'Previous step',
  'lessons.next': 'Next step',
  'lessons.link': 'Link to this step',
  'lessons.link.badLesson': 'The link asks for the lesson “{value}”, which does not exist. Choose one from the list.',
  'lessons.link.badStep': 'The link asks for step “{value}” of “{lesson}”, which has {total} steps, so it opens at step 1.',
  'lessons.link.stepWithoutLesson': 'The link names step “{value}” but no lesson, so no lesson was opened.',
  'lessons.change.preset': 'the preset “{name}”',
  'lessons.change.flipOn': 'random horizontal flips on',
  'lessons.change.flipOff': 'random horizontal flips off',
  'lessons.change.lastReluOn': 'a ReLU after the output layer',
  'lessons.change.lastReluOff': 'no ReLU after the output layer',
  'lessons.change.sectionModel': 'it scrolls to “Save and load”',
  'lessons.change.sectionDraw': 'it scrolls to “Draw”',

  // ---- goals ----
  'lessons.goal.accuracyAtLeast': 'test accuracy of at least {value}',
  'lessons.goal.testLossBelow': 'test loss below {value}',
  'lessons.goal.lossFell': 'the training loss of the last epoch is below the first epoch’s',
  'lessons.goal.exploded': 'the loss explodes and the training stops by itself',
  'lessons.goal.overfit': 'the test loss rises again while the training loss keeps falling',
  'lessons.goal.flat': 'the run ends with its training loss hardly lower than at the start',
  'lessons.goal.finished': 'the run trains to its last epoch',
  'lessons.goal.saved': 'the model is saved to a file',
  'lessons.goal.cnnAnswers': 'a CNN answers your drawing',

  // ---- 1. linear MNIST ----
  'lessons.mnist-linear.title': '1. A linear model for MNIST',
  'lessons.mnist-linear.summary': 'One Linear(784, 10) layer, cross-entropy and SGD: about 90% of the digits right.',
  'lessons.mnist-linear.train.title': 'Train the linear model',
  'lessons.mnist-linear.train.do':
    'The tutorial’s model has only an input and an output layer: each 28×28 image becomes 784 numbers, and one <code>Linear(784, 10)</code> gives a score (a logit) for each digit. The loss is cross-entropy, which applies softmax itself, so the labels stay class numbers 0–9. Mini-batches of 1,000 images, SGD with learning rate 0.1, 10 epochs. Set it up and press <b>Train</b>.',
  'lessons.mnist-linear.train.watch':
    'The loss falls fast in the first epoch and then more and more slowly: that is the curve the tutorial plots. After each epoch the model is tested on the 10,000 test images; test accuracy climbs to about 90%.',
  'lessons.mnist-linear.batch.title': 'Smaller mini-batches',
  'lessons.mnist-linear.batch.do':
    'An epoch is one pass over the 60,000 training images. With mini-batches of 1,000 that is 60 steps; with 100 it is 600 steps, so the weights are updated ten times as often in one epoch. This step sets batch size 100 and 5 epochs.',
  'lessons.mnist-linear.batch.watch':
    'Compare the first epoch with the run before: after one epoch the accuracy is already higher, and it passes 91%. Each step sees fewer images, so the loss curve is noisier.',

  // ---- 2. MLP and Adam ----
  'lessons.mnist-mlp.title': '2. Hidden layers and Adam',
  'lessons.mnist-mlp.summary': 'Two hidden layers of 256 nodes with ReLU, and Adam: from 90% to about 98%.',
  'lessons.mnist-mlp.adam.title': 'Two hidden layers, ReLU and Adam',
  'lessons.mnist-mlp.adam.do':
    'Between input and output the tutorial puts two hidden layers of 256 nodes, with ReLU as the activation function after each, and trains with Adam at learning rate 0.001 instead of SGD. Set it up and train its 15 epochs.',
  'lessons.mnist-mlp.adam.watch':
    'The linear model stopped near 90%; this network passes 97% within a few epochs. Note that the training loss goes on falling after the test accuracy has levelled off.',
  'lessons.mnist-mlp.sigmoid.title': 'Sigmoid instead of ReLU',
  'lessons.mnist-mlp.sigmoid.do':
    'The tutorial chose ReLU because a sigmoid makes gradients vanish: its slope is at most 0.25, and backpropagation multiplies one such factor per layer on the way back. This step swaps ReLU for Sigmoid, 5 epochs.',
  'lessons.mnist-mlp.sigmoid.watch':
    'Compare the first epochs with the ReLU run: the loss falls more slowly at first. With only two hidden layers the network still learns, later; the deeper the network, the worse a sigmoid gets.',
  'lessons.mnist-mlp.sgd.title': 'Each optimizer wants its own learning rate',
  'lessons.mnist-mlp.sgd.do': 'Keep Adam’s learning rate, 0.001, but train with plain SGD, 5 epochs.',
  'lessons.mnist-mlp.sgd.watch':
    'The loss hardly falls: an SGD step is just the gradient times 0.001, far smaller than what Adam does with the same number. Then set the learning rate to 0.1 yourself and train again: SGD learns once more. The rate and the number of epochs are hyperparameters you choose per optimizer.',

  // ---- 3. blobs ----
  'lessons.blobs.title': '3. An artificial neural network on blobs',
  'lessons.blobs.summary': 'A 2-5-1 network with a sigmoid output, binary cross-entropy, and the model saved as a state_dict.',
  'lessons.blobs.first.title': 'The data, the network and the loss before training',
  'lessons.blobs.first.do':
    'The data are 80 training and 20 test points around four corners; the two labels form an XOR pattern that no straight line separates. The network: an input layer of 2 nodes, a hidden layer of 5 with ReLU, and an output layer of 1 node whose sigmoid gives the probability of label 1. This step trains just 20 epochs.',
  'lessons.blobs.first.watch':
    'The loss is binary cross-entropy (BCE). It starts near 0.7 and falls only a little: with learning rate 0.03 and all 80 points in one batch, 20 epochs are 20 small steps of gradient descent.',
  'lessons.blobs.train.title': 'Train the 2,000 epochs',
  'lessons.blobs.train.do':
    'Now the tutorial’s full 2,000 epochs. Each epoch is one forward pass over the 80 points, the loss, backpropagation from the output layer back to the first, and one update of the weights and biases.',
  'lessons.blobs.train.watch':
    'Watch the decision boundary: the plane is coloured by the model’s probability, and the five ReLU nodes bend it around the XOR. The test loss falls below 0.1 (the tutorial: from about 0.65 before training to about 0.05).',
  'lessons.blobs.save.title': 'Save the model',
  'lessons.blobs.save.do':
    'The tutorial saves what the network learned with <code>torch.save(model.state_dict(), …)</code>: the model’s internal state dictionary, each layer’s weight and bias tensors by name. <b>Save as .pt</b> under “Save and load” writes such a file.',
  'lessons.blobs.save.watch':
    'The saved file’s name appears under the buttons. <b>Load model</b> reads it back, as the tutorial loads its state_dict into a new network with <code>load_state_dict</code>.',

  // ---- 4. Fashion-MNIST ----
  'lessons.fashion.title': '4. A deep network for Fashion-MNIST',
  'lessons.fashion.summary': 'Clothes instead of digits, SGD for 30 epochs; overfitting, and what dropout and flips do about it.',
  'lessons.fashion.sgd.title': 'Train the tutorial’s network',
  'lessons.fashion.sgd.do':
    'Fashion-MNIST has the format of MNIST, 28×28 grey images, but of ten kinds of clothing. The tutorial’s network <code>Net</code> has hidden layers of 256 and 128 nodes with ReLU, SGD with learning rate 0.01, mini-batches of 64 and 30 epochs. Its train function runs the batches; its evaluate function tests after each epoch.',
  'lessons.fashion.sgd.watch':
    'Clothes are harder than digits: test accuracy levels off in the 80s. The confusion matrix under “Results” shows which classes are mixed up: shirts with T-shirts, pullovers and coats.',
  'lessons.fashion.overfit.title': 'See overfitting',
  'lessons.fashion.overfit.do':
    'To see overfitting quickly, this step trains on only 1,000 of the 60,000 training images, with Adam at learning rate 0.001 so that the network learns them fast, for 30 epochs.',
  'lessons.fashion.overfit.watch':
    'The training loss keeps falling towards zero while the test loss falls, stops, and rises again: the network memorises its 1,000 images instead of learning what generalises. The epoch where the test loss was lowest is where training should have stopped.',
  'lessons.fashion.dropout.title': 'Dropout and random flips',
  'lessons.fashion.dropout.do':
    'The same 1,000 images, now with dropout 0.2 after each hidden layer and random horizontal flips: each step switches off a fifth of the hidden nodes at random, and sees some images mirrored, so there seem to be more of them. The tutorial adds both against overfitting.',
  'lessons.fashion.dropout.watch':
    'Compare with the run before: the training loss falls more slowly, and the test loss rises later and less. Dropout is on only while training; testing uses every node (<code>model.eval()</code>).',
  'lessons.fashion.full.title': 'The tutorial’s run with dropout',
  'lessons.fashion.full.do': 'Finally the tutorial’s own run: dropout and flips on all 60,000 images, SGD with learning rate 0.01, 30 epochs.',
  'lessons.fashion.full.watch':
    'With this much data there is little overfitting to prevent, and PyTorch gets about the same accuracy as without dropout. Dropout and flips pay off when the data are few for the size of the model, as in the step before.',

  // ---- 5. the optimisation loop ----
  'lessons.optimization.title': '5. Optimising the model’s parameters',
  'lessons.optimization.summary': 'PyTorch’s own tutorial: the train and test loops, learning rates too large and too small, Adam and RMSprop, torch.save.',
  'lessons.optimization.loop.title': 'The train loop and the test loop',
  'lessons.optimization.loop.do':
    'The tutorial’s model: 784-512-512-10 with a ReLU after every layer, the last one too. Its hyperparameters: learning rate 1e-3, batch size 64, 10 epochs. Each epoch runs the train loop (for each batch: predict, compute the loss, <code>optimizer.zero_grad()</code>, <code>loss.backward()</code>, <code>optimizer.step()</code>) and then the test loop, which only measures.',
  'lessons.optimization.loop.watch':
    'Test accuracy climbs slowly and stays low (the tutorial printed 49.5% after 10 epochs). Two reasons: the small learning rate, and the ReLU after the output layer, which turns every negative logit into 0, so those outputs get no gradient at all.',
  'lessons.optimization.large.title': 'A learning rate too large',
  'lessons.optimization.large.do':
    'Too large a learning rate overshoots: each step jumps past the low point of the loss, further every time. This step sets learning rate 100 and takes the last ReLU away, so that nothing hides the outputs.',
  'lessons.optimization.large.watch': 'Within a few steps the loss explodes; training stops by itself and keeps the last good weights. The notice suggests a smaller rate.',
  'lessons.optimization.small.title': 'A learning rate too small',
  'lessons.optimization.small.do': 'Now the other end: learning rate 0.00001 (1e-5), 2 epochs.',
  'lessons.optimization.small.watch':
    'The loss barely moves: the steps are so small that training would take forever. A loss that stops falling can also mean the run is stuck, in a local minimum or on a flat stretch.',
  'lessons.optimization.optimizers.title': 'Adam and RMSprop',
  'lessons.optimization.optimizers.do':
    'SGD is one optimizer among many: Adam and RMSprop scale each parameter’s step by the size of its recent gradients. This step trains with Adam at learning rate 1e-3, without the last ReLU, for 5 epochs.',
  'lessons.optimization.optimizers.watch':
    'Test accuracy passes 85% within a few epochs, far beyond the tutorial’s 10 epochs of SGD. Try RMSprop at the same rate yourself, or put optimizers side by side in “Compare optimizers”.',
  'lessons.optimization.save.title': 'Save the parameters',
  'lessons.optimization.save.do':
    'The tutorial ends by saving the learned parameters, the model’s internal state dictionary (state_dict), with <code>torch.save</code>. <b>Save as .pt</b> under “Save and load” writes the same kind of file.',
  'lessons.optimization.save.watch':
    'In PyTorch the file loads into the same model with <code>model.load_state_dict(torch.load(…))</code>; here, <b>Load model</b> reads it back.',

  // ---- 6. CNN ----
  'lessons.cnn.title': '6. Next: a convolutional network',
  'lessons.cnn.summary': 'The chapter after the tutorials: 3×3 filters and max pooling, over 99% on MNIST.',
  'lessons.cnn.mnist.title': 'A CNN for MNIST',
  'lessons.cnn.mnist.do':
    'A convolutional network (CNN) does not flatten the image at once: small 3×3 filters (kernels) slide over it and find strokes and corners wherever they are, and max pooling halves the image after each block. Two blocks of 32 and 64 filters, then one Linear layer, Adam at 0.001. This step trains 3 epochs.',
  'lessons.cnn.mnist.watch':
    'The CNN passes 98.5% in its first epochs, where the MLP of lesson 2 stayed under 98% after 15. Each step takes longer: a convolution costs far more arithmetic than a Linear layer.',
  'lessons.cnn.maps.title': 'Look at the feature maps',
  'lessons.cnn.maps.do': 'Draw a digit on the pad. The CNN you trained answers, and the page shows its feature maps: what each filter of each block makes of your drawing.',
  'lessons.cnn.maps.watch':
    'The first block’s maps still look like your digit, each bright where its filter finds its pattern (an edge, a slope); after pooling, the second block’s maps are smaller and more abstract.',
  'lessons.cnn.fashion.title': 'A CNN for Fashion-MNIST',
  'lessons.cnn.fashion.do': 'The same CNN on Fashion-MNIST, 3 epochs.',
  'lessons.cnn.fashion.watch':
    'Compare with lesson 4: the dense network needed 30 epochs of SGD for under 87%; the CNN passes 88% in a few epochs. The shapes and textures of clothes are local patterns, which is what filters find.',
} as const;
